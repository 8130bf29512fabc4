package io.intrapoll.webhook;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A webhook as the API shows it.
 *
 * @param secret only in the answer that registered it (null, so left out, everywhere else)
 */
@Schema(name = "Webhook")
@JsonbPropertyOrder({"id", "url", "events", "description", "active", "createdBy", "createdAt", "secret"})
public record WebhookView(
        String id,
        String url,
        List<String> events,
        String description,
        boolean active,
        String createdBy,
        Instant createdAt,

        @Schema(description = "whsec_ and base64: shown once, in the answer to POST; sign-checks every delivery")
        String secret) {

    static WebhookView of(Webhook webhook) {
        return new WebhookView(
                webhook.id(),
                webhook.url(),
                webhook.events(),
                webhook.description(),
                webhook.isActive(),
                webhook.createdBy(),
                webhook.createdAt(),
                null);
    }

    WebhookView withSecret(String secret) {
        return new WebhookView(id, url, events, description, active, createdBy, createdAt, secret);
    }

    /** A page of webhooks. */
    @Schema(name = "WebhookList")
    public record Page(List<WebhookView> items) {}
}
