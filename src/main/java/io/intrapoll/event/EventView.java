package io.intrapoll.event;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An event as the API shows it. */
@Schema(name = "Event")
public record EventView(
        @Schema(example = "8d0b2f4e-3c1a-4e5b-9f7d-2a6c8e0b4d1f")
        String id,

        @Schema(example = "All-hands, December") String title,

        @Schema(
                example = "K7QX4M",
                description = "Six characters without look-alikes (no 0 O 1 I L); joining is case-insensitive.")
        String code,

        EventStatus status,

        @Schema(description = "The event's polls, in the order they were added")
        List<String> pollIds,

        @Schema(description = "The poll on screen now; null shows the Q&A", nullable = true) @JsonbNillable
        String activePollId,

        QaSettings qa,
        List<String> audienceGroups,
        String createdBy,
        Instant createdAt,
        long version) {

    @Schema(name = "QaSettings")
    public record QaSettings(boolean enabled, boolean anonymousQuestions, boolean moderated) {}

    static EventView of(LiveEvent event, List<String> pollIds) {
        return new EventView(
                event.id(),
                event.title(),
                event.code(),
                event.status(),
                List.copyOf(pollIds),
                event.activePollId(),
                new QaSettings(event.qaEnabled(), event.qaAnonymous(), event.qaModerated()),
                List.copyOf(event.audienceGroups()),
                event.createdBy(),
                event.createdAt(),
                event.version());
    }

    boolean isVisibleTo(io.intrapoll.identity.Caller caller) {
        return LiveEvent.isVisible(createdBy, audienceGroups, caller);
    }

    boolean isManageableBy(io.intrapoll.identity.Caller caller) {
        return LiveEvent.isManageable(createdBy, caller);
    }

    /** The entity tag of this version. */
    String etag() {
        return String.valueOf(version);
    }

    /** A page of events. */
    @Schema(name = "EventPage")
    public record Page(List<EventView> items, int page, int size, long total) {}
}
