package io.intrapoll.poll;

import io.intrapoll.platform.JsonBodies;
import io.intrapoll.platform.Problem.FieldError;
import io.intrapoll.platform.ProblemException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a poll request body strictly: malformed JSON, a wrong type, an unknown enum value or an unknown field
 * is a 400 naming the field, never a silent coercion.
 */
final class PollInputReader {

    private static final Set<String> FIELDS = Set.of(
            "title",
            "description",
            "type",
            "options",
            "maxChoices",
            "anonymous",
            "allowVoteChange",
            "resultsVisibility",
            "audienceGroups",
            "opensAt",
            "closesAt",
            "open");
    private static final Set<String> READ_ONLY = Set.of("id", "status", "createdBy", "createdAt", "version");

    private final JsonObject json;
    private final List<FieldError> errors = new ArrayList<>();

    private PollInputReader(JsonObject json) {
        this.json = json;
    }

    static PollInput read(InputStream body) {
        return new PollInputReader(JsonBodies.readObject(body)).toInput();
    }

    private PollInput toInput() {
        for (String name : json.keySet()) {
            if (READ_ONLY.contains(name)) {
                errors.add(new FieldError(
                        name,
                        name.equals("status")
                                ? "is changed by the lifecycle actions (POST .../open, /close, /archive), not by a body"
                                : "is read-only"));
            } else if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "is not a field of a poll"));
            }
        }
        var input = new PollInput(
                json.keySet(),
                string("title"),
                string("description"),
                enumValue("type", PollType.class),
                options(),
                integer("maxChoices"),
                bool("anonymous"),
                bool("allowVoteChange"),
                enumValue("resultsVisibility", ResultsVisibility.class),
                strings("audienceGroups"),
                instant("opensAt"),
                instant("closesAt"),
                bool("open"));
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The body has fields of the wrong type or unknown fields.", errors);
        }
        return input;
    }

    private JsonValue value(String name) {
        JsonValue value = json.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    private String string(String name) {
        JsonValue value = value(name);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        errors.add(new FieldError(name, "must be a string"));
        return null;
    }

    private Boolean bool(String name) {
        JsonValue value = value(name);
        if (value == null) {
            return null;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        errors.add(new FieldError(name, "must be true or false"));
        return null;
    }

    private Integer integer(String name) {
        JsonValue value = value(name);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.intValueExact();
            } catch (ArithmeticException e) {
                errors.add(new FieldError(name, "is too large"));
                return null;
            }
        }
        errors.add(new FieldError(name, "must be a whole number"));
        return null;
    }

    private <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String text = string(name);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(
                    name,
                    "must be one of "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", "))));
            return null;
        }
    }

    private Instant instant(String name) {
        String text = string(name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 instant in UTC, such as 2026-11-28T10:15:30Z"));
            return null;
        }
    }

    private List<String> strings(String name) {
        JsonArray array = array(name);
        if (array == null) {
            return null;
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) instanceof JsonString text) {
                result.add(text.getString());
            } else {
                errors.add(new FieldError(name + "[" + i + "]", "must be a string"));
            }
        }
        return result;
    }

    private List<PollInput.OptionInput> options() {
        JsonArray array = array("options");
        if (array == null) {
            return null;
        }
        List<PollInput.OptionInput> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "options[" + i + "]";
            JsonValue item = array.get(i);
            if (item instanceof JsonString label) {
                result.add(new PollInput.OptionInput(null, label.getString())); // shorthand: just the label
            } else if (item.getValueType() == JsonValue.ValueType.OBJECT) {
                JsonObject option = item.asJsonObject();
                for (String key : option.keySet()) {
                    if (!key.equals("id") && !key.equals("label")) {
                        errors.add(new FieldError(path + "." + key, "is not a field of an option"));
                    }
                }
                result.add(
                        new PollInput.OptionInput(optionText(option, "id", path), optionText(option, "label", path)));
            } else {
                errors.add(new FieldError(path, "must be an object {\"label\": ...}"));
            }
        }
        return result;
    }

    private String optionText(JsonObject option, String key, String path) {
        JsonValue value = option.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        errors.add(new FieldError(path + "." + key, "must be a string"));
        return null;
    }

    private JsonArray array(String name) {
        JsonValue value = value(name);
        if (value == null) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            return value.asJsonArray();
        }
        errors.add(new FieldError(name, "must be an array"));
        return null;
    }
}
