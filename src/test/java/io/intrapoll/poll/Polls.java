package io.intrapoll.poll;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Builds poll inputs for tests of the poll package. */
final class Polls {

    private Polls() {}

    static PollInput input(String title, PollType type, List<String> labels, List<String> audience) {
        return new PollInput(
                Set.of("title", "type", "options", "audienceGroups"),
                title,
                null,
                type,
                options(labels),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                audience,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static PollInput choosingUpTo(String title, PollType type, List<String> labels, Integer maxChoices) {
        return new PollInput(
                Set.of("title", "type", "options", "maxChoices"),
                title,
                null,
                type,
                options(labels),
                maxChoices,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static PollInput scheduled(Instant opensAt, Instant closesAt) {
        return new PollInput(
                Set.of("title", "type", "options", "opensAt", "closesAt"),
                "Scheduled",
                null,
                PollType.SINGLE,
                options(List.of("a", "b")),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                opensAt,
                closesAt,
                null,
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
            case "options" -> changeOptions(options((List<String>) value));
            default -> throw new IllegalArgumentException(field);
        };
    }

    static PollInput changeOptions(List<PollInput.OptionInput> options) {
        return new PollInput(
                Set.of("options"),
                null,
                null,
                null,
                options,
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
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static List<PollInput.OptionInput> options(List<String> labels) {
        return labels.stream()
                .map(label -> new PollInput.OptionInput(null, label, null))
                .toList();
    }
}
