package io.intrapoll.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.UUID;

/** Request bodies and shortcuts for creating polls through the API. */
public final class TestPolls {

    private TestPolls() {}

    /** A word no other test's poll title contains, to find this test's polls with ?q=. */
    public static String uniqueWord() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static JsonObjectBuilder poll(String title, String type, String... labels) {
        JsonArrayBuilder options = Json.createArrayBuilder();
        for (String label : labels) {
            options.add(Json.createObjectBuilder().add("label", label));
        }
        return Json.createObjectBuilder().add("title", title).add("type", type).add("options", options);
    }

    public static JsonObjectBuilder singleChoice(String title) {
        return poll(title, "SINGLE", "Yes", "No");
    }

    public static JsonObjectBuilder withAudience(JsonObjectBuilder poll, List<String> groups) {
        JsonArrayBuilder audience = Json.createArrayBuilder();
        groups.forEach(audience::add);
        return poll.add("audienceGroups", audience);
    }

    /** Creates a poll as the given user and returns it; fails the test unless the answer is 201. */
    public static JsonObject create(Api api, JsonObjectBuilder poll) {
        Api.Reply reply = api.post("/api/v1/polls", poll.build().toString());
        assertEquals(201, reply.status(), () -> "create: " + reply);
        return reply.json();
    }
}
