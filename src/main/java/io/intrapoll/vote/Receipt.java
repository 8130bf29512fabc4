package io.intrapoll.vote;

import io.intrapoll.poll.PollId;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the voter gets back for an accepted ballot. */
@Schema(name = "Receipt")
public record Receipt(
        @Schema(example = "0f8c2a4e-1b7d-4f7e-9a51-3c2d1e0f9a8b")
        String receiptId,

        // Text, not a PollId: the API's JSON carries the id as a plain string.
        String pollId,
        @Schema(example = "ACCEPTED") String status,
        Instant acceptedAt,

        @Schema(description = "GET .../votes/mine only, and never for anonymous polls")
        List<String> optionIds) {

    static final String ACCEPTED = "ACCEPTED";

    static Receipt accepted(String receiptId, PollId pollId, Instant acceptedAt) {
        return new Receipt(receiptId, pollId.value(), ACCEPTED, acceptedAt, null);
    }
}
