package io.intrapoll.vote;

import io.intrapoll.poll.PollId;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/** A batch of ballots as one JSON text message on the ballot queue. */
final class BallotMessages {

    /** Looked up once: each Json.createX call looks the provider up anew. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private BallotMessages() {}

    static String encode(List<Ballot> batch) {
        JsonArrayBuilder ballots = JSON.createArrayBuilder();
        for (Ballot ballot : batch) {
            JsonArrayBuilder choices = JSON.createArrayBuilder();
            ballot.choices().forEach(choices::add);
            JsonObjectBuilder json = JSON.createObjectBuilder();
            if (!ballot.isParticipationOnly()) {
                json.add("id", ballot.id()).add("choices", choices);
            }
            json.add("poll", ballot.pollId().value())
                    .add("key", ballot.voterKey())
                    .add("at", ballot.acceptedAt().toString())
                    .add("rev", ballot.revision())
                    .add("receipt", ballot.receiptId());
            if (ballot.voter() != null) {
                json.add("voter", ballot.voter());
            }
            if (ballot.idempotencyKey() != null) {
                json.add("idem", ballot.idempotencyKey());
            }
            if (ballot.provenFirst()) {
                json.add("first", true);
            }
            if (ballot.trace() != null) {
                json.add("trace", ballot.trace());
            }
            if (ballot.points() != null) {
                json.add("pts", ballot.points());
            }
            if (ballot.commitment() != null) {
                json.add("cmt", ballot.commitment());
            }
            if (!ballot.groups().isEmpty()) {
                json.add("grp", array(ballot.groups()));
            }
            ballots.add(json);
        }
        return ballots.build().toString();
    }

    static List<Ballot> decode(String text) {
        JsonArray ballots = JSON.createReader(new StringReader(text)).readArray();
        return ballots.stream()
                .map(JsonValue::asJsonObject)
                .map(BallotMessages::ballot)
                .toList();
    }

    /** The choices halves of anonymous ballots, as one message: ids, polls and choices, in the order given. */
    static String encodeChoices(List<AnonymousChoices> batch) {
        JsonArrayBuilder halves = JSON.createArrayBuilder();
        for (AnonymousChoices half : batch) {
            JsonArrayBuilder choices = JSON.createArrayBuilder();
            half.choices().forEach(choices::add);
            JsonObjectBuilder json = JSON.createObjectBuilder()
                    .add("id", half.id())
                    .add("poll", half.pollId().value())
                    .add("choices", choices);
            if (half.commitment() != null) {
                json.add("cmt", half.commitment());
            }
            if (!half.groups().isEmpty()) {
                json.add("grp", array(half.groups()));
            }
            halves.add(json);
        }
        return halves.build().toString();
    }

    static List<AnonymousChoices> decodeChoices(String text) {
        return JSON.createReader(new StringReader(text)).readArray().stream()
                .map(JsonValue::asJsonObject)
                .map(json -> new AnonymousChoices(
                        json.getString("id"),
                        new PollId(json.getString("poll")),
                        choices(json),
                        json.getString("cmt", null),
                        groups(json)))
                .toList();
    }

    private static JsonArrayBuilder array(List<String> texts) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        texts.forEach(array::add);
        return array;
    }

    /** A ballot's breakdown groups; none in messages of nodes from before breakdowns. */
    private static List<String> groups(JsonObject json) {
        return json.containsKey("grp")
                ? json.getJsonArray("grp").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList()
                : List.of();
    }

    private static List<String> choices(JsonObject json) {
        return json.getJsonArray("choices").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    /** A ballot; one without id and choices is an anonymous ballot's participation half. */
    private static Ballot ballot(JsonObject json) {
        boolean participationOnly = !json.containsKey("id");
        return new Ballot(
                participationOnly ? null : json.getString("id"),
                new PollId(json.getString("poll")), // not a poll id: an unreadable message, set aside
                json.getString("key"),
                json.getString("voter", null),
                participationOnly ? List.of() : choices(json),
                Instant.parse(json.getString("at")),
                json.getInt("rev"),
                json.getString("receipt"),
                json.getString("idem", null),
                json.getBoolean("first", false),
                json.getString("trace", null),
                json.containsKey("pts") ? json.getInt("pts") : null,
                json.getString("cmt", null),
                groups(json));
    }
}
