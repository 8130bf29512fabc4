package io.intrapoll.platform;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Request bodies: one JSON object, bound to a record by JSON-B ({@link RecordBodyReader}). Malformed JSON, a wrong
 * type, an unknown enum value or an unknown field is a 400 naming every such field; a body over 64 KiB a 413.
 */
public final class JsonBodies {

    /** Made once: Json.createReader looks the JSON provider up anew on every call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private JsonBodies() {}

    /** On a record component: it receives the names of the fields the body carried (a PATCH changes only those). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface SentFields {}

    /** On a record: fields that clients read but may not send, and what a client that sends one is told. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @Repeatable(Refused.All.class)
    public @interface Refused {
        String[] fields();

        String message();

        /** The container of repeated {@link Refused}. */
        @Documented
        @Retention(RetentionPolicy.RUNTIME)
        @Target(ElementType.TYPE)
        @interface All {
            Refused[] value();
        }
    }

    /** Thrown by a deserializer for a value of the wrong type; its message is what the client is told. */
    public static final class WrongValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public WrongValue(String message) {
            super(message, null, false, false);
        }
    }

    /** The body bound to the record type; see the class description for what is refused. */
    public static <R extends Record> R read(InputStream body, Class<R> type) {
        byte[] bytes = bytes(body);
        Optional<RecordComponent> sent = Arrays.stream(type.getRecordComponents())
                .filter(component -> component.isAnnotationPresent(SentFields.class))
                .findFirst();
        Set<String> fields = sent.isEmpty() ? Set.of() : readObject(bytes).keySet();
        R bound = sent.isPresent() && fields.contains(sent.get().getName()) ? null : bindOrNull(bytes, type);
        if (bound == null) {
            throw ProblemException.badRequest(
                    "The body has fields of the wrong type or unknown fields.",
                    FieldDiagnosis.of(readObject(bytes), type));
        }
        return sent.isEmpty() ? bound : withSentFields(bound, sent.get(), fields);
    }

    /** Binds part of a body as {@link #read} does: for deserializers that take more than one JSON shape. */
    public static <T> T bind(JsonValue value, Class<T> type) {
        return StrictJsonb.JSONB.fromJson(value.toString(), type);
    }

    /** The body as one JSON object, without binding it. */
    public static JsonObject readObject(InputStream body) {
        JsonValue value;
        try (var reader = READERS.createReader(body)) {
            value = reader.readValue();
        } catch (JsonParsingException e) {
            throw ProblemException.badRequest("The body is not valid JSON: " + e.getMessage(), List.of());
        } catch (JsonException e) {
            if (BodyLimit.isCause(e)) {
                throw ProblemException.payloadTooLarge();
            }
            throw ProblemException.badRequest("The body could not be read as JSON.", List.of());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.badRequest("The body must be a JSON object.", List.of());
        }
        return value.asJsonObject();
    }

    /** The component a body's field binds to: not the one that receives the sent fields. */
    static Optional<RecordComponent> bindable(Class<?> type, String field) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        return Arrays.stream(type.getRecordComponents())
                .filter(component -> component.getName().equals(field))
                .filter(component -> !component.isAnnotationPresent(SentFields.class))
                .findFirst();
    }

    /** What a client is told about a field the type does not take. */
    static String refusal(Class<?> type, String field) {
        return Arrays.stream(type.getAnnotationsByType(Refused.class))
                .filter(refused -> Arrays.asList(refused.fields()).contains(field))
                .map(Refused::message)
                .findFirst()
                .orElse("is not a known field");
    }

    private static byte[] bytes(InputStream body) {
        try {
            return body.readAllBytes();
        } catch (IOException e) {
            if (BodyLimit.isCause(e)) {
                throw ProblemException.payloadTooLarge();
            }
            throw ProblemException.badRequest("The body could not be read.", List.of());
        }
    }

    private static JsonObject readObject(byte[] body) {
        return readObject(new ByteArrayInputStream(body));
    }

    private static <R> R bindOrNull(byte[] body, Class<R> type) {
        try {
            return StrictJsonb.JSONB.fromJson(new ByteArrayInputStream(body), type);
        } catch (RuntimeException e) {
            return null; // each wrong field is named by FieldDiagnosis
        }
    }

    private static <R extends Record> R withSentFields(R bound, RecordComponent sent, Set<String> names) {
        RecordComponent[] components = bound.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = components[i].getName().equals(sent.getName())
                        ? Set.copyOf(names)
                        : components[i].getAccessor().invoke(bound);
            }
            @SuppressWarnings("unchecked")
            R withSent = (R) bound.getClass().getDeclaredConstructor(types).newInstance(values);
            return withSent;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot rebuild " + bound.getClass() + " with the fields sent", e);
        }
    }
}
