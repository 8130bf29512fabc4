package io.intrapoll.webhook;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A delivery as the API shows it. */
@Schema(name = "WebhookDelivery")
public record DeliveryView(
        @Schema(description = "The webhook-id header of every attempt")
        String id,

        String type,

        @Schema(enumeration = {"PENDING", "DELIVERED", "FAILED"})
        String status,

        int attempts,
        Integer lastStatusCode,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant deliveredAt) {

    static DeliveryView of(WebhookDelivery delivery) {
        return new DeliveryView(
                delivery.id(),
                delivery.type(),
                delivery.status().name(),
                delivery.attempts(),
                delivery.lastStatusCode(),
                delivery.nextAttemptAt(),
                delivery.createdAt(),
                delivery.deliveredAt());
    }

    /** A webhook's deliveries, newest first. */
    @Schema(name = "WebhookDeliveryList")
    public record Page(List<DeliveryView> items) {}
}
