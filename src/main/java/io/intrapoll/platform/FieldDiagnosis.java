package io.intrapoll.platform;

import io.intrapoll.platform.Problem.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Names every part of a body that JSON-B refuses. JSON-B stops at the first; API.md's 400 names them all, so each
 * part is bound again on its own (inside an otherwise empty body), walking down into the objects and arrays that
 * fail, and the innermost failing parts are reported.
 */
final class FieldDiagnosis {

    /** Enough for any client to see what is wrong; a body of thousands of wrong values costs no more. */
    static final int MAX_NAMED = 100;

    private final Class<? extends Record> root;
    private final List<FieldError> errors = new ArrayList<>();

    private FieldDiagnosis(Class<? extends Record> root) {
        this.root = root;
    }

    static List<FieldError> of(JsonObject body, Class<? extends Record> type) {
        FieldDiagnosis diagnosis = new FieldDiagnosis(type);
        diagnosis.fields("", body, type, UnaryOperator.identity());
        return diagnosis.errors;
    }

    private void fields(String path, JsonObject object, Class<?> type, UnaryOperator<JsonValue> probe) {
        object.forEach((name, value) -> {
            String field = path.isEmpty() ? name : path + "." + name;
            Optional<RecordComponent> component = JsonBodies.bindable(type, name);
            if (errors.size() >= MAX_NAMED) {
                return;
            }
            if (component.isEmpty()) {
                errors.add(new FieldError(field, JsonBodies.refusal(type, name)));
            } else {
                value(
                        field,
                        value,
                        component.get().getGenericType(),
                        inner -> probe.apply(
                                Json.createObjectBuilder().add(name, inner).build()));
            }
        });
    }

    private void value(String field, JsonValue value, Type type, UnaryOperator<JsonValue> probe) {
        if (errors.size() >= MAX_NAMED) {
            return;
        }
        Optional<RuntimeException> failure = failure(probe.apply(value));
        if (failure.isEmpty()) {
            return;
        }
        int found = errors.size();
        Class<?> raw = raw(type);
        if (raw.isRecord() && value instanceof JsonObject object) {
            fields(field, object, raw, probe);
        } else if (List.class.isAssignableFrom(raw) && value instanceof JsonArray array) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            for (int i = 0; i < array.size(); i++) {
                value(
                        field + "[" + i + "]",
                        array.get(i),
                        element,
                        inner ->
                                probe.apply(Json.createArrayBuilder().add(inner).build()));
            }
        }
        if (errors.size() == found) {
            errors.add(new FieldError(field, message(failure.get(), raw)));
        }
    }

    private Optional<RuntimeException> failure(JsonValue probe) {
        try {
            StrictJsonb.JSONB.fromJson(probe.toString(), root);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e);
        }
    }

    private static String message(RuntimeException failure, Class<?> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonBodies.WrongValue wrong) {
                return wrong.getMessage();
            }
        }
        if (type.isEnum()) {
            return "must be one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(constant -> ((Enum<?>) constant).name())
                            .collect(Collectors.joining(", "));
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 instant in UTC, such as 2026-11-28T10:15:30Z";
        }
        if (List.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        return type.isRecord() ? "must be an object" : "has the wrong type";
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
    }
}
