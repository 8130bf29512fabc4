package io.intrapoll.vote;

import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollSnapshot;
import io.intrapoll.poll.PollType;
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

        @Schema(description = "GET .../votes/mine only, and never for anonymous polls; types with options")
        List<String> optionIds,

        @Schema(description = "GET .../votes/mine only, and never for anonymous polls; RATING and NPS")
        Integer rating,

        @Schema(description = "GET .../votes/mine only, and never for anonymous polls; OPEN_TEXT")
        String text,

        @Schema(
                description = "The 202 answer only: 128 random bits, base64url, that only the voter holds. With the"
                        + " ballot's choices it gives the commitment the results certificate's Merkle tree holds"
                        + " (API.md, \"Receipts anyone can check\"). The server does not store it; with an"
                        + " Idempotency-Key it is derived from the key under the server's secret, so a repeat of the"
                        + " request answers the same body (in an anonymous poll only with a key of 22 characters or"
                        + " more, such as a UUID: a shorter key's repeat answers without it).",
                example = "q7xk2J0cV8h3mZp1WfYtNg")
        String tracker) {

    static final String ACCEPTED = "ACCEPTED";

    static Receipt accepted(String receiptId, PollId pollId, Instant acceptedAt) {
        return accepted(receiptId, pollId, acceptedAt, null);
    }

    static Receipt accepted(String receiptId, PollId pollId, Instant acceptedAt, String tracker) {
        return new Receipt(receiptId, pollId.value(), ACCEPTED, acceptedAt, null, null, null, tracker);
    }

    /** The caller's own receipt, with the ballot's content in the field of its type (none: anonymous). */
    static Receipt mine(String receiptId, PollSnapshot poll, Instant acceptedAt, List<String> choices) {
        String pollId = poll.id().value();
        if (choices == null || choices.isEmpty()) {
            return new Receipt(receiptId, pollId, ACCEPTED, acceptedAt, null, null, null, null);
        }
        if (poll.type().isScale()) {
            return new Receipt(
                    receiptId, pollId, ACCEPTED, acceptedAt, null, Integer.valueOf(choices.get(0)), null, null);
        }
        if (poll.type() == PollType.OPEN_TEXT) {
            return new Receipt(receiptId, pollId, ACCEPTED, acceptedAt, null, null, String.join(",", choices), null);
        }
        return new Receipt(receiptId, pollId, ACCEPTED, acceptedAt, choices, null, null, null);
    }
}
