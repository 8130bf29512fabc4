package io.intrapoll.poll;

import static io.intrapoll.support.ProblemAssertions.assertProblem;
import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.singleChoice;
import static io.intrapoll.support.TestPolls.uniqueWord;
import static io.intrapoll.support.TestPolls.withAudience;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Voters;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Who may do what: 401 without credentials, 403 for the wrong role or outside the audience. */
class PollAccessIT extends AgainstTheServer {

    private final Api author = Api.as("author");
    private final Api admin = Api.as("admin");
    private final Api engineer = Api.as(Voters.freshEngineer());
    private final Api salesperson = Api.as(Voters.freshSalesperson());

    @Test
    void everyCallWithoutCredentialsIs401WithAChallenge() {
        String id = create(author, singleChoice("Private")).getString("id");
        Map<String, String> calls = Map.of(
                "GET /api/v1/polls",
                "",
                "POST /api/v1/polls",
                "{}",
                "GET /api/v1/polls/" + id,
                "",
                "PATCH /api/v1/polls/" + id,
                "{}",
                "POST /api/v1/polls/" + id + "/open",
                "",
                "POST /api/v1/polls/" + id + "/close",
                "",
                "POST /api/v1/polls/" + id + "/archive",
                "",
                "DELETE /api/v1/polls/" + id,
                "");
        calls.forEach((call, body) -> {
            String[] parts = call.split(" ");
            Api.Reply reply = Api.anonymous()
                    .send(parts[0], parts[1], body.isEmpty() ? null : "application/json", body.isEmpty() ? null : body);
            assertProblem(401, "unauthorized", reply);
            assertTrue(reply.header("WWW-Authenticate").startsWith("Basic"), call);
        });
    }

    @Test
    void wrongPasswordIs401() {
        Api.Reply reply = Api.anonymous()
                .with("Authorization", Api.basicAuthorization(Voters.fresh(), "wrong"))
                .get("/api/v1/polls");
        assertProblem(401, reply);
    }

    @Test
    void votersCannotCreatePolls() {
        assertProblem(
                403,
                "forbidden",
                engineer.post("/api/v1/polls", singleChoice("Mine").build().toString()));
    }

    @Test
    void votersCannotManageAPoll() {
        String id = create(author, singleChoice("Managed").add("open", true)).getString("id");
        String path = "/api/v1/polls/" + id;
        assertProblem(403, engineer.patch(path, "{\"title\": \"hijacked\"}"));
        assertProblem(403, engineer.post(path + "/close"));
        assertProblem(403, engineer.post(path + "/archive"));
        assertProblem(403, engineer.delete(path));
        assertEquals("Managed", author.get(path).string("title"));
    }

    @Test
    void authorsCannotManageSomeoneElsesPoll() {
        String id = create(admin, singleChoice("The admin's")).getString("id");
        String path = "/api/v1/polls/" + id;
        assertRefused(403, author.get(path), "a draft is not visible to others");
        admin.post(path + "/open");
        assertEquals(200, author.get(path).status());
        assertProblem(403, author.patch(path, "{\"title\": \"taken\"}"));
        assertProblem(403, author.post(path + "/close"));
        assertProblem(403, author.delete(path));
    }

    @Test
    void adminsManageEveryPoll() {
        String id = create(author, singleChoice("Author's")).getString("id");
        String path = "/api/v1/polls/" + id;
        assertEquals(200, admin.get(path).status(), "admins see drafts");
        assertEquals(200, admin.patch(path, "{\"title\": \"Edited by admin\"}").status());
        assertEquals("OPEN", admin.post(path + "/open").string("status"));
        assertEquals("CLOSED", admin.post(path + "/close").string("status"));
        assertEquals("ARCHIVED", admin.post(path + "/archive").string("status"));
        assertEquals(204, admin.delete(path).status());
    }

    @Test
    void audienceGroupsDecideWhoSeesAPoll() {
        String word = uniqueWord();
        String id = create(
                        author,
                        withAudience(singleChoice(word + " engineering only"), List.of("engineering"))
                                .add("open", true))
                .getString("id");
        assertEquals(200, engineer.get("/api/v1/polls/" + id).status());
        assertProblem(403, "forbidden", salesperson.get("/api/v1/polls/" + id));
        assertEquals(Set.of(word + " engineering only"), titles(engineer, word));
        assertEquals(Set.of(), titles(salesperson, word));
        assertEquals(Set.of(word + " engineering only"), titles(admin, word));
    }

    @Test
    void draftsAreSeenOnlyByOwnerAndAdmins() {
        String word = uniqueWord();
        String id = create(author, singleChoice(word + " draft")).getString("id");
        assertProblem(403, engineer.get("/api/v1/polls/" + id));
        assertEquals(Set.of(), titles(engineer, word));
        assertEquals(Set.of(word + " draft"), titles(author, word));
        assertEquals(Set.of(word + " draft"), titles(admin, word));
    }

    @Test
    void pollForEveryoneIsSeenByEveryVoter() {
        String word = uniqueWord();
        create(author, singleChoice(word + " everyone").add("open", true));
        assertEquals(Set.of(word + " everyone"), titles(engineer, word));
        assertEquals(Set.of(word + " everyone"), titles(salesperson, word));
    }

    private static void assertRefused(int status, Api.Reply reply, String why) {
        assertEquals(status, reply.status(), why);
        assertProblem(status, reply);
    }

    private static Set<String> titles(Api api, String word) {
        return api.get("/api/v1/polls?q=" + word).json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .map(poll -> poll.getString("title"))
                .collect(Collectors.toSet());
    }
}
