package io.intrapoll.vote;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A vote as sent: the chosen option ids (for RANKED, in order of preference). */
@Schema(name = "VoteRequest")
public record VoteRequest(
        @Schema(
                required = true,
                description = "Option ids; RANKED: all options or a prefix, best first",
                example = "[\"demo-lunch-pizza\"]")
        List<String> optionIds) {}
