package io.intrapoll.vote;

import io.intrapoll.platform.Problem.FieldError;
import io.intrapoll.poll.PollType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a ballot may choose, by poll type (API.md, "Votes"). */
final class BallotRules {

    private BallotRules() {}

    static List<FieldError> check(PollType type, Integer maxChoices, List<String> options, List<String> chosen) {
        List<FieldError> errors = new ArrayList<>();
        if (chosen == null || chosen.isEmpty()) {
            errors.add(new FieldError("optionIds", "choose at least one option"));
            return errors;
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
            case RANKED -> options.size();
        };
        if (chosen.size() > max) {
            errors.add(new FieldError(
                    "optionIds",
                    type == PollType.SINGLE
                            ? "a SINGLE poll takes exactly one option"
                            : "choose at most " + max + " options"));
        }
        return errors;
    }
}
