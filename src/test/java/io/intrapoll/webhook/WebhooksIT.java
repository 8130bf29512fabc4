package io.intrapoll.webhook;

import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.singleChoice;
import static io.intrapoll.support.Votes.optionIds;
import static io.intrapoll.support.Votes.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import io.intrapoll.support.WebhookReceiver;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks against the running server, delivered to receivers the test runs on this machine: registration and its
 * refusals, Standard Webhooks signatures checked by the test's own implementation, retries until a 2xx (and only one
 * success), switching off, redelivery, removal.
 */
class WebhooksIT extends AgainstTheServer {

    private static final Duration SOON = Duration.ofSeconds(20);
    private static final String WEBHOOKS = "/api/v1/admin/webhooks";

    private final Api admin = Api.as("admin");
    private final Api author = Api.as("author");
    private final List<String> registered = new ArrayList<>();
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @AfterEach
    void removeWhatTheTestRegistered() {
        registered.forEach(id -> admin.delete(WEBHOOKS + "/" + id));
        receivers.forEach(WebhookReceiver::close);
    }

    private WebhookReceiver receiver() throws Exception {
        WebhookReceiver receiver = new WebhookReceiver();
        receivers.add(receiver);
        return receiver;
    }

    private JsonObject register(String url, String... events) {
        JsonArrayBuilder types = Json.createArrayBuilder();
        for (String event : events) {
            types.add(event);
        }
        Api.Reply reply = admin.post(
                WEBHOOKS,
                Json.createObjectBuilder()
                        .add("url", url)
                        .add("events", types)
                        .add("description", "test receiver")
                        .build()
                        .toString());
        assertEquals(201, reply.status(), reply::toString);
        registered.add(reply.json().getString("id"));
        return reply.json();
    }

    @Test
    void aWebhookIsRegisteredWithASecretShownOnce() throws Exception {
        WebhookReceiver receiver = receiver();
        Api.Reply reply = admin.post(
                WEBHOOKS, "{\"url\": \"" + receiver.url() + "\", \"events\": [\"poll.opened\", \"poll.closed\"]}");
        assertEquals(201, reply.status(), reply::toString);
        JsonObject webhook = reply.json();
        registered.add(webhook.getString("id"));
        assertTrue(
                reply.header("Location").endsWith(WEBHOOKS + "/" + webhook.getString("id")), reply.header("Location"));
        assertTrue(webhook.getString("secret").matches("whsec_[A-Za-z0-9+/]{32}"), webhook.getString("secret"));
        assertTrue(webhook.getBoolean("active"));
        assertEquals("admin", webhook.getString("createdBy"));

        JsonObject again = admin.get(WEBHOOKS + "/" + webhook.getString("id")).json();
        assertFalse(again.containsKey("secret"), "shown once: " + again);
        assertEquals(List.of("poll.opened", "poll.closed"), strings(again.getJsonArray("events")));
        JsonObject listed = admin.get(WEBHOOKS).json().getJsonArray("items").stream()
                .map(value -> value.asJsonObject())
                .filter(item -> item.getString("id").equals(webhook.getString("id")))
                .findFirst()
                .orElseThrow();
        assertFalse(listed.containsKey("secret"), listed.toString());
    }

    @Test
    void pollEventsArriveSignedAsStandardWebhooksSays() throws Exception {
        WebhookReceiver receiver = receiver();
        JsonObject webhook = register(receiver.url(), "poll.opened", "poll.closed", "poll.results.final");
        String secret = webhook.getString("secret");
        JsonObject poll = create(author, singleChoice("Announced").add("open", true));
        String id = poll.getString("id");
        assertEquals(202, vote(Api.as(Voters.fresh()), id, optionIds(poll)[0]).status());
        assertEquals(202, vote(Api.as(Voters.fresh()), id, optionIds(poll)[1]).status());
        Votes.awaitCounted(author, id, 2);
        assertEquals(200, author.post("/api/v1/polls/" + id + "/close").status());

        WebhookReceiver.Received opened = receiver.await(forPoll("poll.opened", id), SOON);
        WebhookReceiver.Received closed = receiver.await(forPoll("poll.closed", id), SOON);
        WebhookReceiver.Received results = receiver.await(forPoll("poll.results.final", id), SOON);
        for (WebhookReceiver.Received delivery : List.of(opened, closed, results)) {
            assertNotNull(delivery, "delivered: " + receiver.received());
            assertTrue(delivery.isSignedWith(secret), "signed with the webhook's secret: " + delivery);
            assertTrue(delivery.id().startsWith("msg_"), delivery.id());
            long age = Instant.now().getEpochSecond() - Long.parseLong(delivery.timestamp());
            assertTrue(age >= 0 && age < 300, "a fresh timestamp: " + delivery.timestamp());
            assertFalse(delivery.isSignedWith("whsec_" + "A".repeat(32)), "not with any other secret");
        }
        assertEquals("OPEN", opened.json().getJsonObject("data").getString("status"));
        assertEquals("CLOSED", closed.json().getJsonObject("data").getString("status"));
        JsonObject counted = results.json().getJsonObject("data").getJsonObject("results");
        assertEquals(2, counted.getJsonNumber("totalBallots").longValue(), results.body());
        assertEquals(3, Set.of(opened.id(), closed.id(), results.id()).size(), "one id per event");

        JsonObject delivered = deliveries(webhook).stream()
                .filter(item -> item.getString("id").equals(opened.id()))
                .findFirst()
                .orElseThrow();
        assertEquals("DELIVERED", delivered.getString("status"));
        assertEquals(1, delivered.getInt("attempts"));
        assertEquals(200, delivered.getInt("lastStatusCode"));
    }

    /** A question asked at an event, signed like the rest; an anonymous one names nobody in the delivery. */
    @Test
    void aQuestionAskedAtAnEventArrivesWithoutItsAnonymousAsker() throws Exception {
        WebhookReceiver receiver = receiver();
        JsonObject webhook = register(receiver.url(), "event.question.created");
        String event =
                author.post("/api/v1/events", "{\"title\": \"Announced Q&A\"}").string("id");
        String asker = Voters.fresh();
        String question = Api.as(asker)
                .post(
                        "/api/v1/events/" + event + "/questions",
                        "{\"text\": \"Who approved the budget?\", \"anonymous\": true}")
                .string("id");

        WebhookReceiver.Received asked = receiver.await(forPoll("event.question.created", question), SOON);
        assertNotNull(asked, "delivered: " + receiver.received());
        assertTrue(asked.isSignedWith(webhook.getString("secret")));
        JsonObject data = asked.json().getJsonObject("data");
        assertEquals(event, data.getString("eventId"));
        assertEquals("Who approved the budget?", data.getString("text"));
        assertTrue(data.isNull("author"), data::toString);
        assertFalse(asked.body().contains(asker), "the asker is nowhere in the delivery");
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheDeliveryOnceAsSuccessful() throws Exception {
        WebhookReceiver receiver = receiver().answering(500, 503, 502);
        JsonObject webhook = register(receiver.url(), "poll.opened");
        String id = create(author, singleChoice("Retried").add("open", true)).getString("id");

        WebhookReceiver.Received success = receiver.await(
                request -> request.answered() == 200
                        && request.json().getJsonObject("data").getString("id").equals(id),
                Duration.ofSeconds(30));
        assertNotNull(success, "delivered in the end: " + receiver.received());
        Votes.sleep(4000); // longer than the tests' retry delays: a delivery taken would not be sent again
        List<WebhookReceiver.Received> attempts = receiver.received();
        assertEquals(
                List.of(500, 503, 502, 200),
                attempts.stream().map(WebhookReceiver.Received::answered).toList());
        assertEquals(
                Set.of(success.id()),
                attempts.stream().map(WebhookReceiver.Received::id).collect(Collectors.toSet()),
                "every attempt carries the delivery's id");
        assertEquals(
                1,
                attempts.stream().map(WebhookReceiver.Received::body).distinct().count(),
                "the same body");
        JsonObject delivery = deliveries(webhook).get(0);
        assertEquals("DELIVERED", delivery.getString("status"));
        assertEquals(4, delivery.getInt("attempts"));
        assertEquals(200, delivery.getInt("lastStatusCode"));
        assertFalse(delivery.containsKey("nextAttemptAt"), delivery.toString());
    }

    @Test
    void aSwitchedOffWebhookGetsNothingAndAnAdminCanSendADeliveryAgain() throws Exception {
        WebhookReceiver receiver = receiver();
        JsonObject webhook = register(receiver.url(), "poll.opened");
        String webhookPath = WEBHOOKS + "/" + webhook.getString("id");
        String first = create(author, singleChoice("Before switching off").add("open", true))
                .getString("id");
        WebhookReceiver.Received delivered = receiver.await(forPoll("poll.opened", first), SOON);
        assertNotNull(delivered);

        Api.Reply off = admin.patch(webhookPath, "{\"active\": false}");
        assertEquals(200, off.status(), off::toString);
        assertFalse(off.json().getBoolean("active"));
        String second = create(author, singleChoice("While switched off").add("open", true))
                .getString("id");
        Votes.sleep(3000);
        assertNull(receiver.await(forPoll("poll.opened", second), Duration.ZERO), "nothing while switched off");

        assertEquals(200, admin.patch(webhookPath, "{\"active\": true}").status());
        Api.Reply again = admin.post(webhookPath + "/deliveries/" + delivered.id() + "/redeliver");
        assertEquals(202, again.status(), again::toString);
        long deadline = System.currentTimeMillis() + SOON.toMillis();
        while (sentWithId(receiver, delivered.id()) < 2 && System.currentTimeMillis() < deadline) {
            Votes.sleep(100);
        }
        assertEquals(2, sentWithId(receiver, delivered.id()), "sent again with the same id: " + receiver.received());

        assertEquals(204, admin.delete(webhookPath).status());
        registered.remove(webhook.getString("id"));
        assertEquals(404, admin.get(webhookPath).status());
        assertEquals(404, admin.get(webhookPath + "/deliveries").status());
    }

    @Test
    void addressesIntoTheInternalNetworkAndUnknownEventsAreRefused() {
        for (String url : List.of(
                "https://10.1.2.3/hook",
                "https://192.168.0.10/hook",
                "https://172.16.5.4/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://[fd00::1]/hook",
                "https://100.64.0.1/hook",
                "http://203.0.113.7/hook",
                "ftp://203.0.113.7/hook",
                "https://user:password@203.0.113.7/hook",
                "not an address")) {
            Api.Reply refused = admin.post(WEBHOOKS, "{\"url\": \"" + url + "\", \"events\": [\"poll.opened\"]}");
            assertEquals(422, refused.status(), url + ": " + refused);
            assertTrue(refused.isProblem(), refused::toString);
            assertEquals(
                    "url",
                    refused.json().getJsonArray("errors").getJsonObject(0).getString("field"),
                    url);
        }
        Api.Reply unknownEvent = admin.post(
                WEBHOOKS, "{\"url\": \"https://203.0.113.7/hook\", \"events\": [\"poll.opened\", \"poll.exploded\"]}");
        assertEquals(422, unknownEvent.status(), unknownEvent::toString);
        assertEquals(
                "events[1]",
                unknownEvent.json().getJsonArray("errors").getJsonObject(0).getString("field"));
        Api.Reply noEvents = admin.post(WEBHOOKS, "{\"url\": \"https://203.0.113.7/hook\"}");
        assertEquals(422, noEvents.status(), noEvents::toString);
        Api.Reply secretSent = admin.post(
                WEBHOOKS, "{\"url\": \"https://203.0.113.7/hook\", \"events\": [\"poll.opened\"], \"secret\": \"x\"}");
        assertTrue(secretSent.status() == 400 || secretSent.status() == 422, secretSent::toString);
        assertTrue(secretSent.isProblem(), secretSent::toString);

        Api.Reply byAnAuthor =
                author.post(WEBHOOKS, "{\"url\": \"https://203.0.113.7/hook\", \"events\": [\"poll.opened\"]}");
        assertEquals(403, byAnAuthor.status(), byAnAuthor::toString);
        assertEquals(404, admin.get(WEBHOOKS + "/no-such-webhook").status());
    }

    private static long sentWithId(WebhookReceiver receiver, String id) {
        return receiver.received().stream()
                .filter(request -> id.equals(request.id()))
                .count();
    }

    private List<JsonObject> deliveries(JsonObject webhook) {
        return admin.get(WEBHOOKS + "/" + webhook.getString("id") + "/deliveries").json().getJsonArray("items").stream()
                .map(value -> value.asJsonObject())
                .toList();
    }

    private static java.util.function.Predicate<WebhookReceiver.Received> forPoll(String type, String pollId) {
        return request -> request.answered() == 200
                && request.type().equals(type)
                && request.json().getJsonObject("data").getString("id").equals(pollId);
    }

    private static List<String> strings(jakarta.json.JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString)
                .toList();
    }
}
