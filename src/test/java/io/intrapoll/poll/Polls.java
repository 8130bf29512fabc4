package io.intrapoll.poll;

import java.util.List;
import java.util.Set;

/** Builds poll inputs for unit tests. */
final class Polls {

    private Polls() {}

    static PollInput input(String title, PollType type, List<String> labels, List<String> audience) {
        return new PollInput(
                Set.of("title", "type", "options", "audienceGroups"),
                title,
                null,
                type,
                labels.stream()
                        .map(label -> new PollInput.OptionInput(null, label))
                        .toList(),
                null,
                null,
                null,
                null,
                audience,
                null,
                null,
                null);
    }

    @SuppressWarnings("unchecked")
    static PollInput change(String field, Object value) {
        return switch (field) {
            case "title" ->
                new PollInput(
                        Set.of("title"),
                        (String) value,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
            case "options" ->
                changeOptions(((List<String>) value)
                        .stream()
                                .map(label -> new PollInput.OptionInput(null, label))
                                .toList());
            default -> throw new IllegalArgumentException(field);
        };
    }

    static PollInput changeOptions(List<PollInput.OptionInput> options) {
        return new PollInput(
                Set.of("options"), null, null, null, options, null, null, null, null, null, null, null, null);
    }
}
