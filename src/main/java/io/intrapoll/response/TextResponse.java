package io.intrapoll.response;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An open-text answer as the moderation API shows it. In an anonymous poll its id is unrelated to any receipt and
 * its time is the hour it was counted.
 *
 * @param hidden owners and admins only: a moderator hid it
 * @param held owners and admins only: it contains a blocked word and waits for a moderator
 */
@Schema(name = "TextResponse")
public record TextResponse(
        String id,
        @Schema(example = "More coffee in the kitchen") String text,
        Instant submittedAt,
        @Schema(description = "owners and admins only") Boolean hidden,
        @Schema(description = "owners and admins only") Boolean held) {

    /** What voters see of a visible answer. */
    TextResponse forVoters() {
        return new TextResponse(id, text, submittedAt, null, null);
    }

    @Schema(name = "TextResponsePage")
    public record Page(List<TextResponse> items, int page, int size, long total) {}
}
