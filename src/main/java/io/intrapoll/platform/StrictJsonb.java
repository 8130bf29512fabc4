package io.intrapoll.platform;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;

/**
 * The JSON-B instance request bodies are bound with. JSON-B (Yasson) converts by default where API.md wants a
 * 400: {@code "yes"} to false, {@code "2"} to 2, 1.5 to 1, a number past the int range to a wrapped one, 5 to
 * {@code "5"}; these deserializers take only the JSON type itself, and an unknown property fails.
 */
final class StrictJsonb {

    static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .setProperty("jsonb.fail-on-unknown-properties", true) // Yasson's YassonConfig.FAIL_ON_UNKNOWN_PROPERTIES
            .withDeserializers(new Text(), new TrueOrFalse(), new WholeNumber()));

    private StrictJsonb() {}

    private static final class Text implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value instanceof JsonString text) {
                return text.getString();
            }
            return orNull(value, "must be a string");
        }
    }

    private static final class TrueOrFalse implements JsonbDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
                return value == JsonValue.TRUE;
            }
            return orNull(value, "must be true or false");
        }
    }

    private static final class WholeNumber implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value instanceof JsonNumber number && number.isIntegral()) {
                try {
                    return number.intValueExact();
                } catch (ArithmeticException e) {
                    throw new JsonBodies.WrongValue("is too large");
                }
            }
            return orNull(value, "must be a whole number");
        }
    }

    /** JSON null binds to null, as JSON-B does; anything else of the wrong type is refused. */
    private static <T> T orNull(JsonValue value, String refusal) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        throw new JsonBodies.WrongValue(refusal);
    }
}
