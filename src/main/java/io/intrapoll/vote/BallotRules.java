package io.intrapoll.vote;

import io.intrapoll.platform.Problem.FieldError;
import io.intrapoll.poll.PollSnapshot;
import io.intrapoll.poll.PollType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a ballot may answer, by poll type (API.md, "Votes" and "More question types"). */
final class BallotRules {

    private BallotRules() {}

    /** The broken rules; none means {@link #choices} gives the ballot's content. */
    static List<FieldError> check(PollSnapshot poll, VoteRequest vote) {
        List<FieldError> errors = new ArrayList<>();
        PollType type = poll.type();
        notTaken(errors, type, "optionIds", vote.optionIds() != null && !type.hasOptions());
        notTaken(errors, type, "rating", vote.rating() != null && !type.isScale());
        notTaken(errors, type, "text", vote.text() != null && type != PollType.OPEN_TEXT);
        if (type.hasOptions()) {
            options(errors, type, poll.maxChoices(), poll.optionIds(), vote.optionIds());
        } else if (type.isScale()) {
            rating(errors, poll, vote.rating());
        } else {
            text(errors, poll.answer().maxLength(), vote.text());
        }
        return errors;
    }

    /** A valid ballot's content as it travels and is counted: option ids, the rating as text, or the trimmed text. */
    static List<String> choices(PollSnapshot poll, VoteRequest vote) {
        if (poll.type().isScale()) {
            return List.of(Integer.toString(vote.rating()));
        }
        if (poll.type() == PollType.OPEN_TEXT) {
            return List.of(vote.text().strip());
        }
        return List.copyOf(vote.optionIds());
    }

    static List<FieldError> check(PollType type, Integer maxChoices, List<String> options, List<String> chosen) {
        List<FieldError> errors = new ArrayList<>();
        options(errors, type, maxChoices, options, chosen);
        return errors;
    }

    private static void notTaken(List<FieldError> errors, PollType type, String field, boolean sent) {
        if (sent) {
            errors.add(new FieldError(field, "a " + type + " poll does not take this field"));
        }
    }

    private static void rating(List<FieldError> errors, PollSnapshot poll, Integer rating) {
        List<String> scale = poll.optionIds();
        if (rating == null) {
            errors.add(new FieldError("rating", "is required: a whole number on the poll's scale"));
        } else if (!scale.contains(Integer.toString(rating))) {
            errors.add(new FieldError(
                    "rating",
                    "must be " + scale.get(0) + " to " + scale.get(scale.size() - 1) + " (the poll's scale)"));
        }
    }

    private static void text(List<FieldError> errors, Integer maxLength, String text) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError("text", "is required and must not be blank"));
        } else if (text.strip().length() > maxLength) {
            errors.add(new FieldError("text", "must be at most " + maxLength + " characters"));
        } else if (text.chars().anyMatch(BallotRules::isControl)) {
            errors.add(new FieldError("text", "must not contain control characters (line breaks and tabs may stay)"));
        }
    }

    /** A control character other than a line break or tab (PostgreSQL refuses NUL in text). */
    private static boolean isControl(int c) {
        return Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t';
    }

    private static void options(
            List<FieldError> errors, PollType type, Integer maxChoices, List<String> options, List<String> chosen) {
        if (chosen == null || chosen.isEmpty()) {
            errors.add(new FieldError("optionIds", "choose at least one option"));
            return;
        }
        Set<String> known = new HashSet<>(options);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < chosen.size(); i++) {
            String id = chosen.get(i);
            if (!known.contains(id)) {
                errors.add(new FieldError("optionIds[" + i + "]", "is not an option of this poll"));
            } else if (!seen.add(id)) {
                errors.add(new FieldError("optionIds[" + i + "]", "repeats an option already chosen"));
            }
        }
        int max = switch (type) {
            case SINGLE -> 1;
            case MULTIPLE -> maxChoices == null ? options.size() : maxChoices;
            case QUIZ -> maxChoices == null ? 1 : maxChoices;
            default -> options.size();
        };
        if (chosen.size() > max) {
            errors.add(new FieldError(
                    "optionIds",
                    type == PollType.SINGLE
                            ? "a SINGLE poll takes exactly one option"
                            : "choose at most " + max + (max == 1 ? " option" : " options")));
        }
    }
}
