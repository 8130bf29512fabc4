package io.intrapoll.poll;

import io.intrapoll.platform.Problem.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The rules every stored poll meets (API.md, "Polls"); each broken rule names its field. */
final class PollRules {

    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 2000;
    static final int LABEL_MAX = 200;
    static final int OPTIONS_MIN = 2;
    static final int OPTIONS_MAX = 50;
    static final int GROUP_MAX = 200;
    /** Suppression checks every combination of published groups (API.md, "Breakdowns"): 2^10 at most. */
    static final int BREAKDOWN_GROUPS_MAX = 10;

    static final int SCALE_LABEL_MAX = 50;
    static final int TEXT_MAX = 500;
    static final int TIME_LIMIT_MIN = 5;
    static final int TIME_LIMIT_MAX = 600;
    static final Set<String> LANGUAGES = Set.of("en", "de", "fr");

    private PollRules() {}

    /**
     * @param scheduleChanged whether opensAt/closesAt were set by this request, so they must lie ahead
     */
    static List<FieldError> check(Poll poll, boolean scheduleChanged, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "title", poll.title(), 1, TITLE_MAX);
        if (poll.description().length() > DESCRIPTION_MAX) {
            errors.add(new FieldError("description", "must be at most " + DESCRIPTION_MAX + " characters"));
        }
        if (poll.type() == null) {
            errors.add(new FieldError("type", "is required: SINGLE, MULTIPLE, RANKED, RATING, NPS, OPEN_TEXT or QUIZ"));
        }
        if (poll.resultsVisibility() == null) {
            errors.add(new FieldError("resultsVisibility", "must be LIVE or AFTER_CLOSE"));
        }
        if (poll.anonymous() && poll.allowVoteChange()) {
            errors.add(new FieldError(
                    "allowVoteChange",
                    "an anonymous poll cannot allow a change of vote: nothing links a ballot to its voter"));
        }
        if (poll.type() == null || poll.type().hasOptions()) {
            options(errors, poll.options(), poll.type() == PollType.QUIZ);
        } else if (!poll.options().isEmpty()) {
            errors.add(new FieldError("options", notTaken(poll.type())));
        }
        maxChoices(errors, poll);
        scale(errors, poll);
        openText(errors, poll);
        timeLimit(errors, poll);
        decision(errors, poll);
        if (poll.retentionDays() != null && (poll.retentionDays() < 0 || poll.retentionDays() > 36500)) {
            errors.add(new FieldError("retentionDays", "must be 0 to 36500 days (or null: keep the ballots)"));
        }
        groups(errors, poll.audienceGroups());
        breakdownGroups(errors, poll.breakdownGroups());
        schedule(errors, poll, scheduleChanged, now);
        return errors;
    }

    private static void decision(List<FieldError> errors, Poll poll) {
        PollInput.Decision decision = poll.decision();
        if (decision == null) {
            return;
        }
        if (poll.type() != null && poll.type() != PollType.SINGLE) {
            errors.add(new FieldError("decision", notTaken(poll.type())));
        }
        if (decision.quorumPercent() < 0 || decision.quorumPercent() > 100) {
            errors.add(new FieldError("decision.quorumPercent", "must be 0 to 100"));
        }
        if (decision.majorityPercent() < 0 || decision.majorityPercent() > 99) {
            errors.add(new FieldError(
                    "decision.majorityPercent", "must be 0 to 99: an option decides with more than this share"));
        }
    }

    private static String notTaken(PollType type) {
        return "a " + type + " poll does not take this field";
    }

    private static void scale(List<FieldError> errors, Poll poll) {
        if (poll.type() == PollType.RATING) {
            if (poll.scaleMin() == null || (poll.scaleMin() != 0 && poll.scaleMin() != 1)) {
                errors.add(new FieldError("scale.min", "must be 0 or 1"));
            }
            if (poll.scaleMax() == null || poll.scaleMax() < 2 || poll.scaleMax() > 10) {
                errors.add(new FieldError("scale.max", "must be 2 to 10"));
            }
            optionalText(errors, "scaleLabels.min", poll.scaleLabelMin(), SCALE_LABEL_MAX);
            optionalText(errors, "scaleLabels.max", poll.scaleLabelMax(), SCALE_LABEL_MAX);
            return;
        }
        if (poll.type() == PollType.NPS) {
            if (!Integer.valueOf(0).equals(poll.scaleMin())
                    || !Integer.valueOf(10).equals(poll.scaleMax())) {
                errors.add(new FieldError("scale", "an NPS poll's scale is always 0 to 10; leave it out"));
            }
        } else if (poll.scaleMin() != null || poll.scaleMax() != null) {
            errors.add(new FieldError("scale", notTaken(poll.type())));
        }
        if (poll.scaleLabelMin() != null || poll.scaleLabelMax() != null) {
            errors.add(new FieldError("scaleLabels", notTaken(poll.type())));
        }
    }

    private static void openText(List<FieldError> errors, Poll poll) {
        if (poll.type() == PollType.OPEN_TEXT) {
            if (poll.maxLength() == null || poll.maxLength() < 1 || poll.maxLength() > TEXT_MAX) {
                errors.add(new FieldError("maxLength", "must be 1 to " + TEXT_MAX));
            }
            if (!LANGUAGES.contains(poll.language())) {
                errors.add(new FieldError("language", "must be en, de or fr"));
            }
            return;
        }
        if (poll.maxLength() != null) {
            errors.add(new FieldError("maxLength", notTaken(poll.type())));
        }
        if (poll.language() != null) {
            errors.add(new FieldError("language", notTaken(poll.type())));
        }
    }

    private static void timeLimit(List<FieldError> errors, Poll poll) {
        Integer limit = poll.timeLimitSeconds();
        if (limit == null) {
            return;
        }
        if (poll.type() != PollType.QUIZ) {
            errors.add(new FieldError("timeLimitSeconds", notTaken(poll.type())));
        } else if (limit < TIME_LIMIT_MIN || limit > TIME_LIMIT_MAX) {
            errors.add(new FieldError(
                    "timeLimitSeconds", "must be " + TIME_LIMIT_MIN + " to " + TIME_LIMIT_MAX + " seconds"));
        }
    }

    private static void optionalText(List<FieldError> errors, String field, String value, int max) {
        if (value != null && (value.isBlank() || value.length() > max)) {
            errors.add(new FieldError(field, "must be 1 to " + max + " characters, or left out"));
        }
    }

    private static void options(List<FieldError> errors, List<PollOption> options, boolean quiz) {
        if (options.size() < OPTIONS_MIN || options.size() > OPTIONS_MAX) {
            errors.add(new FieldError("options", "must have " + OPTIONS_MIN + " to " + OPTIONS_MAX + " options"));
        }
        Set<String> labels = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < options.size(); i++) {
            PollOption option = options.get(i);
            String path = "options[" + i + "]";
            if (text(errors, path + ".label", option.label(), 1, LABEL_MAX)
                    && !labels.add(option.label().strip().toLowerCase(Locale.ROOT))) {
                errors.add(new FieldError(path + ".label", "repeats another option's label"));
            }
            if (!ids.add(option.id())) {
                errors.add(new FieldError(path + ".id", "repeats another option's id"));
            }
            if (quiz && option.correct() == null) {
                errors.add(new FieldError(path + ".correct", "is required in a QUIZ: true or false"));
            } else if (!quiz && option.correct() != null) {
                errors.add(new FieldError(path + ".correct", "applies only to QUIZ polls"));
            }
        }
        if (quiz && !options.isEmpty() && options.stream().noneMatch(option -> Boolean.TRUE.equals(option.correct()))) {
            errors.add(new FieldError("options", "a QUIZ needs at least one correct option"));
        }
    }

    /** An option id sent by a client must name one of the poll's existing options. */
    static List<FieldError> checkOptionIds(List<PollInput.OptionInput> sent, Set<String> existingIds) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; sent != null && i < sent.size(); i++) {
            String id = sent.get(i).id();
            if (id != null && !existingIds.contains(id)) {
                errors.add(new FieldError(
                        "options[" + i + "].id", "is not an option of this poll; leave it out for a new option"));
            }
        }
        return errors;
    }

    private static void maxChoices(List<FieldError> errors, Poll poll) {
        Integer maxChoices = poll.maxChoices();
        if (maxChoices == null) {
            return;
        }
        if (poll.type() != PollType.MULTIPLE && poll.type() != PollType.QUIZ) {
            errors.add(new FieldError("maxChoices", "applies only to MULTIPLE and QUIZ polls"));
        } else if (maxChoices < 1 || maxChoices > poll.options().size()) {
            errors.add(new FieldError(
                    "maxChoices",
                    "must be between 1 and the number of options ("
                            + poll.options().size() + ")"));
        } else if (poll.type() == PollType.QUIZ) {
            long correct = poll.options().stream()
                    .filter(option -> Boolean.TRUE.equals(option.correct()))
                    .count();
            if (correct > maxChoices) {
                errors.add(new FieldError(
                        "maxChoices",
                        "must allow choosing every correct option (" + correct + "), or no ballot could score"));
            }
        }
    }

    private static void groups(List<FieldError> errors, Set<String> groups) {
        int i = 0;
        for (String group : groups) {
            text(errors, "audienceGroups[" + i++ + "]", group, 1, GROUP_MAX);
        }
    }

    private static void breakdownGroups(List<FieldError> errors, Set<String> groups) {
        if (groups.size() > BREAKDOWN_GROUPS_MAX) {
            errors.add(new FieldError("breakdownGroups", "must name at most " + BREAKDOWN_GROUPS_MAX + " groups"));
        }
        int i = 0;
        for (String group : groups) {
            String field = "breakdownGroups[" + i++ + "]";
            if (text(errors, field, group, 1, GROUP_MAX) && group.contains(",")) {
                // A counted ballot keeps its voter's groups as one comma-separated text.
                errors.add(new FieldError(field, "must not contain a comma"));
            }
        }
    }

    private static void schedule(List<FieldError> errors, Poll poll, boolean scheduleChanged, Instant now) {
        if (poll.opensAt() != null && poll.closesAt() != null && !poll.opensAt().isBefore(poll.closesAt())) {
            errors.add(new FieldError("closesAt", "must be after opensAt"));
        } else if (scheduleChanged
                && poll.closesAt() != null
                && !poll.closesAt().isAfter(now)) {
            errors.add(new FieldError("closesAt", "must lie in the future"));
        }
    }

    /** Checks a required text; true when it is present and fits. */
    private static boolean text(List<FieldError> errors, String field, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required and must not be blank"));
            return false;
        }
        if (value.length() < min || value.length() > max) {
            errors.add(new FieldError(field, "must be " + min + " to " + max + " characters"));
            return false;
        }
        return true;
    }
}
