package io.intrapoll.webhook;

import io.intrapoll.platform.JsonBodies.Refused;
import io.intrapoll.platform.JsonBodies.SentFields;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A webhook to register (POST: url and events required), or the fields of one to change (PATCH).
 *
 * @param present the names of the fields the request carried
 */
@Schema(name = "WebhookInput", description = "A webhook to register, or the fields of one to change (PATCH).")
@Refused(
        fields = {"id", "secret", "createdBy", "createdAt"},
        message = "is read-only")
public record WebhookInput(
        @Schema(hidden = true) @SentFields Set<String> present,

        @Schema(
                maxLength = 2000,
                example = "https://hooks.example.com/intrapoll",
                description = "https; private, loopback and link-local addresses only where "
                        + "intrapoll.webhooks.allowed-hosts lists the host.")
        String url,

        @Schema(
                example = "[\"poll.opened\", \"poll.closed\", \"poll.results.final\"]",
                description = "Any of poll.opened, poll.closed, poll.results.final, event.question.created.")
        List<String> events,

        @Schema(maxLength = 500) String description,

        @Schema(description = "PATCH only: false stops deliveries (pending ones are not sent).")
        Boolean active) {

    boolean has(String field) {
        return present != null && present.contains(field);
    }
}
