package io.intrapoll.vote;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A vote as sent: the chosen option ids (for RANKED, in order of preference). Whether they fit the poll is the
 * ballot's rule ({@link BallotRules}, a 422).
 */
@Schema(name = "VoteRequest")
public record VoteRequest(
        @Schema(
                required = true,
                description = "Option ids; RANKED: all options or a prefix, best first",
                example = "[\"demo-lunch-pizza\"]")
        @NotNull(message = "is required: an array of option ids")
        List<@NotNull(message = "must be a string") String> optionIds) {}
