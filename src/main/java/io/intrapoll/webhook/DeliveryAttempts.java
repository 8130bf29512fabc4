package io.intrapoll.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One attempt of a delivery: started in the ledger (only if it is the next one), sent outside any transaction,
 * recorded, and the next attempt queued when the address did not take it. Redirects are not followed: the address
 * checked is the address reached.
 */
@ApplicationScoped
public class DeliveryAttempts {

    private static final Logger LOG = Logger.getLogger(DeliveryAttempts.class.getName());
    private static final Duration CONNECT_WITHIN = Duration.ofSeconds(5);
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_WITHIN)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Inject
    Deliveries deliveries;

    @Inject
    DeliveryQueue queue;

    @Inject
    WebhookAddresses addresses;

    private final Clock clock = Clock.systemUTC();

    void run(String deliveryId, int attempt) {
        Optional<Deliveries.Attempt> started = deliveries.start(deliveryId, attempt);
        if (started.isEmpty()) {
            return;
        }
        Integer statusCode = send(started.get());
        deliveries
                .finish(deliveryId, attempt, statusCode)
                .ifPresent(delay -> queue.send(deliveryId, attempt + 1, delay.toMillis()));
    }

    /** The address's status code, or null when it could not be reached or may not be any more. */
    private Integer send(Deliveries.Attempt attempt) {
        Optional<String> refused = addresses.refusal(attempt.url());
        if (refused.isPresent()) {
            LOG.warning(() -> "Webhook delivery " + attempt.deliveryId() + " not sent: its address " + refused.get());
            return null;
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(attempt.url()))
                .timeout(ANSWER_WITHIN)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Intrapoll-Webhooks/1")
                .header("webhook-id", attempt.deliveryId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header(
                        "webhook-signature",
                        Signatures.sign(attempt.secret(), attempt.deliveryId(), timestamp, attempt.body()))
                .POST(HttpRequest.BodyPublishers.ofString(attempt.body()))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Webhook delivery " + attempt.deliveryId() + " did not reach its address", e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
