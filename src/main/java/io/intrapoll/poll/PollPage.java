package io.intrapoll.poll;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the polls a caller may see, newest first. */
@Schema(name = "PollPage")
public record PollPage(
        List<PollView> items,
        @Schema(example = "0") int page,
        @Schema(example = "20") int size,
        @Schema(example = "42") long total) {}
