package io.intrapoll.platform;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Request bodies: one JSON object, bound to a record by JSON-B ({@link RecordBodyReader}). Malformed JSON, a wrong
 * type, an unknown enum value or an unknown field is a 400 naming every such field; a body nested deeper than
 * {@value #MAX_DEPTH} levels a 400 about the body; a body over 64 KiB a 413.
 */
public final class JsonBodies {

    /**
     * Far deeper than any body the API takes (a poll's options are three levels down). JSON-P refuses input past its
     * own limit (1,000 levels in Parsson) with a bare RuntimeException, and every level below it costs stack in
     * JSON-P, JSON-B and the field diagnosis: deeper bodies are refused before any of them reads one.
     */
    static final int MAX_DEPTH = 64;

    /** Made once: Json.createReader looks the JSON provider up anew on every call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    /**
     * Each record type's component that receives the sent fields, if it has one: looked up once per type, since
     * {@code getRecordComponents} builds new components (and their annotations) on every call.
     */
    private static final ClassValue<Optional<RecordComponent>> SENT_FIELDS = new ClassValue<>() {
        @Override
        protected Optional<RecordComponent> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents())
                    .filter(component -> component.isAnnotationPresent(SentFields.class))
                    .findFirst();
        }
    };

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
        Text json = text(body);
        refuseDeepNesting(json);
        Optional<RecordComponent> sent = SENT_FIELDS.get(type);
        Set<String> fields = sent.isEmpty() ? Set.of() : readObject(json).keySet();
        R bound = sent.isPresent() && fields.contains(sent.get().getName()) ? null : bindOrNull(json, type);
        if (bound == null) {
            throw ProblemException.badRequest(
                    "The body has fields of the wrong type or unknown fields.",
                    FieldDiagnosis.of(readObject(json), type));
        }
        return sent.isEmpty() ? bound : withSentFields(bound, sent.get(), fields);
    }

    /** Binds part of a body as {@link #read} does: for deserializers that take more than one JSON shape. */
    public static <T> T bind(JsonValue value, Class<T> type) {
        return StrictJsonb.JSONB.fromJson(value.toString(), type);
    }

    /** The body as one JSON object, without binding it. */
    public static JsonObject readObject(InputStream body) {
        Text json = text(body);
        refuseDeepNesting(json);
        return readObject(json);
    }

    /**
     * Counts the levels while streaming through the body, before anything builds or binds it. Malformed JSON is left
     * to the reader or binder that comes next, which reports it as it always has.
     */
    private static void refuseDeepNesting(Text body) {
        int depth = 0;
        try (JsonParser parser = body.parser()) {
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    default -> {
                        // values and keys do not nest
                    }
                }
                if (depth > MAX_DEPTH) {
                    throw ProblemException.badRequest(
                            "The body is nested deeper than " + MAX_DEPTH + " levels.", List.of());
                }
            }
        } catch (JsonException e) {
            // malformed: reported by the reader or binder that comes next
        }
    }

    private static JsonObject readObject(Text body) {
        JsonValue value;
        try (var reader = body.reader()) {
            value = reader.readValue();
        } catch (JsonParsingException e) {
            throw ProblemException.badRequest("The body is not valid JSON: " + e.getMessage(), List.of());
        } catch (JsonException e) { // such as bytes in no encoding JSON-P recognizes
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

    /**
     * A body: its text when it is surely UTF-8, else its bytes. Parsers made from the text need no decoding stream of
     * their own (each would allocate 8 KiB of buffers: a request body is read three times); bytes JSON-P's detection
     * may take for UTF-16 or UTF-32 (a zero among the first four, a byte order mark) are left to it.
     */
    private record Text(byte[] bytes, String utf8) {
        static Text of(byte[] buffer, int length) {
            // Under two bytes JSON-P cannot tell the encoding, and its refusal is the one clients have been given.
            boolean surelyUtf8 = length >= 2;
            for (int i = 0; i < Math.min(4, length); i++) {
                surelyUtf8 &= buffer[i] != 0;
            }
            int first = buffer[0] & 0xff;
            surelyUtf8 &= first != 0xef && first != 0xfe && first != 0xff; // a byte order mark
            return surelyUtf8
                    ? new Text(null, new String(buffer, 0, length, StandardCharsets.UTF_8))
                    : new Text(Arrays.copyOf(buffer, length), null);
        }

        JsonParser parser() {
            return utf8 != null
                    ? PARSERS.createParser(new StringReader(utf8))
                    : PARSERS.createParser(new ByteArrayInputStream(bytes));
        }

        JsonReader reader() {
            return utf8 != null
                    ? READERS.createReader(new StringReader(utf8))
                    : READERS.createReader(new ByteArrayInputStream(bytes));
        }

        <R> R bind(Class<R> type) {
            return utf8 != null
                    ? StrictJsonb.JSONB.fromJson(utf8, type)
                    : StrictJsonb.JSONB.fromJson(new ByteArrayInputStream(bytes), type);
        }
    }

    /** The whole body, read into a buffer that grows from the size of a vote instead of from 8 KiB. */
    private static Text text(InputStream body) {
        try {
            byte[] buffer = new byte[256];
            int length = 0;
            for (int read; (read = body.read(buffer, length, buffer.length - length)) != -1; ) {
                length += read;
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
            }
            return Text.of(buffer, length);
        } catch (IOException e) {
            if (BodyLimit.isCause(e)) {
                throw ProblemException.payloadTooLarge();
            }
            throw ProblemException.badRequest("The body could not be read.", List.of());
        }
    }

    private static <R> R bindOrNull(Text body, Class<R> type) {
        try {
            return body.bind(type);
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
