package io.intrapoll.platform;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** Reads a request body that must be one JSON object: anything else is a 400 (or 413 when too large). */
public final class JsonBodies {

    /** Made once: Json.createReader looks the JSON provider up anew on every call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private JsonBodies() {}

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
}
