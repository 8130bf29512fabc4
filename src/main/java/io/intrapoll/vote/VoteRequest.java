package io.intrapoll.vote;

import io.intrapoll.platform.Problem;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A vote as sent: the chosen option ids (for RANKED, in order of preference), a rating (RATING, NPS) or a text
 * (OPEN_TEXT). Which one the poll takes, and whether it fits, is the ballot's rule ({@link BallotRules}, a 422).
 */
@Schema(name = "VoteRequest", description = "Exactly one of optionIds, rating and text, as the poll's type takes.")
public record VoteRequest(
        @Schema(
                description = "SINGLE, MULTIPLE, RANKED, QUIZ: option ids; RANKED: all options or a prefix, best first",
                example = "[\"demo-lunch-pizza\"]")
        List<String> optionIds,

        @Schema(description = "RATING: a value of the poll's scale; NPS: 0 to 10", example = "4")
        Integer rating,

        @Schema(description = "OPEN_TEXT: 1 to the poll's maxLength characters after trimming", example = "More coffee")
        String text) {

    /** The fields that are not what the API takes whatever the poll (an option id that is null): a 400 names them. */
    List<Problem.FieldError> invalidFields() {
        if (optionIds == null || !optionIds.contains(null)) {
            return List.of(); // every vote that is well formed: nothing built
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < optionIds.size(); i++) {
            if (optionIds.get(i) == null) {
                errors.add(new Problem.FieldError("optionIds[" + i + "]", "must be a string"));
            }
        }
        return errors;
    }

    /** A vote for options (the types that have them). */
    public static VoteRequest ofOptions(List<String> optionIds) {
        return new VoteRequest(optionIds, null, null);
    }
}
