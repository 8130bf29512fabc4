package io.intrapoll.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.RawHttp;
import io.intrapoll.support.TestPolls;
import io.intrapoll.support.Voters;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the API on the running server: 5,000 requests with generated paths, query strings, headers and
 * bodies, sent as raw bytes. None may answer 5xx, every 4xx must be problem+json, and the server is ready after.
 * (Results streams stay open by design; their refusals are ResultsStreamIT's.)
 * The seed is printed with each failure, so a failing request can be made again.
 *
 * <p>Paths carry no encoded control character (%00-%1F, %7F) and none of the encoded characters Servlet 6 counts
 * as suspicious in a path (%23, %2E, %2F, %5C): Liberty's web container refuses those itself, in HTML, before any
 * application code runs; HAProxy answers them as problem+json in a deployment (the cluster test checks %00). Nor
 * does any header say "Basic" (so capitalised) without base64 "user:password" after it: Liberty answers that with
 * a 500 after the application has refused it (its audit record parses the header once more and fails); HAProxy
 * answers it with a 401 problem in a deployment.
 */
class FuzzIT extends AgainstTheServer {

    private static final long SEED = Long.getLong("fuzz.seed", 20261201L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 5000);

    private static final String[] METHODS = {"GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS", "GET", "POST"};
    private static final String[] ACTIONS = {
        "", "/open", "/close", "/archive", "/votes", "/votes/mine", "/results", "/results.csv", "/x"
    };
    private static final String[] FIELDS = {
        "title",
        "description",
        "type",
        "options",
        "optionIds",
        "ranking",
        "maxChoices",
        "opensAt",
        "closesAt",
        "audienceGroups",
        "resultsVisibility",
        "anonymous",
        "allowVoteChange",
        "open",
        "id",
        "label",
        "version"
    };
    private static final String[] WORDS = {
        "SINGLE",
        "MULTIPLE",
        "RANKED",
        "RATING",
        "OPEN",
        "CLOSED",
        "DRAFT",
        "LIVE",
        "AFTER_CLOSE",
        "engineering",
        "2026-12-01T10:00:00Z",
        "2026-13-45T99:99:99Z",
        "yesterday",
        "",
        " ",
        "null",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "\u202e\u0000\ud83d\ude00",
        "é",
        "../../etc/passwd",
        "%00",
        "\\\\u0000"
    };

    /** Encoded characters Liberty refuses in a path before the application (see above). */
    private static final String UNANSWERED_HERE = "(?i)%(0[0-9a-f]|1[0-9a-f]|7f|23|2e|2f|5c)";

    private final Random random = new Random(SEED);
    /** Whose password the fuzzing gets wrong: a voter no other test signs in as. */
    private final String guessedAt = Voters.freshToExhaust();

    @Test
    void generatedRequestsGetNoServerErrorAndOnlyProblemsAsRefusals() {
        JsonObject poll = TestPolls.create(
                Api.as("author"), TestPolls.singleChoice("Fuzzed").add("open", true));
        String pollId = poll.getString("id");
        String optionId = poll.getJsonArray("options").getJsonObject(0).getString("id");
        URI server = Api.itServer();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS && failures.size() < 20; i++) {
            String method = pick(METHODS);
            String target = path(pollId) + query();
            List<String> headers = headers();
            byte[] body =
                    "GET".equals(method) || "OPTIONS".equals(method) && random.nextBoolean() ? null : body(optionId);
            RawHttp.Answer answer;
            try {
                answer = RawHttp.send(server, method, target, body, headers.toArray(String[]::new));
            } catch (RuntimeException e) {
                failures.add("#" + i + " " + method + " " + target + ": no answer (" + e + ")");
                continue;
            }
            String type = answer.header("content-type");
            if (answer.status() >= 500) {
                failures.add("#" + i + " " + method + " " + target + " " + headers + " -> " + answer.status() + " "
                        + clip(answer.body()));
            } else if (answer.status() >= 400 && (type == null || !type.startsWith("application/problem+json"))) {
                failures.add("#" + i + " " + method + " " + target + " " + headers + " -> " + answer.status() + " "
                        + type + " " + clip(answer.body()));
            }
        }
        assertEquals(List.of(), failures, "seed " + SEED);
        assertEquals(200, Api.anonymous().get("/health/ready").status(), "ready after the fuzzing");
        assertTrue(Api.as("author").get("/api/v1/polls/" + pollId).status() == 200, "still serving");
    }

    private String path(String pollId) {
        return switch (random.nextInt(8)) {
            case 0 -> "/api/v1/polls";
            case 1 -> "/api/v1/me";
            case 2 -> "/api/v1/admin/" + pick(new String[] {"audit", "audit/verification", "operations", "x"});
            case 3 -> "/api/v1/" + segment();
            default -> "/api/v1/polls/" + pollIdLike(pollId) + pick(ACTIONS);
        };
    }

    private String pollIdLike(String pollId) {
        return switch (random.nextInt(6)) {
            case 0, 1 -> pollId;
            case 2 -> UUID.randomUUID().toString();
            case 3 -> segment();
            case 4 -> "x".repeat(1 + random.nextInt(3000));
            default -> pollId.toUpperCase() + pick(new String[] {";a=b", ".json", "%20", "/", "//", "/."});
        };
    }

    /** A path segment of words, odd characters (percent-encoded) and raw characters that need no encoding. */
    private String segment() {
        String raw = random.nextBoolean() ? pick(WORDS) : randomText(1 + random.nextInt(40));
        String encoded = URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
        String safe = encoded.replaceAll(UNANSWERED_HERE, "_");
        return random.nextInt(5) == 0 ? safe + pick(new String[] {"[x]", "]", "[", "{", "}", "|", "^", "`"}) : safe;
    }

    private String query() {
        if (random.nextInt(3) == 0) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        int parameters = 1 + random.nextInt(4);
        String[] keys = {"page", "size", "status", "text", "actor", "action", "from", "to", "x", ""};
        for (int p = 0; p < parameters; p++) {
            String value = switch (random.nextInt(5)) {
                case 0 -> String.valueOf(random.nextInt(2000) - 1000);
                case 1 -> "99999999999999999999";
                default -> URLEncoder.encode(pick(WORDS), StandardCharsets.UTF_8);
            };
            query.append(p > 0 ? "&" : "").append(pick(keys)).append(random.nextBoolean() ? "=" + value : "");
        }
        return query.toString().replaceAll(UNANSWERED_HERE, "_");
    }

    private List<String> headers() {
        List<String> headers = new ArrayList<>();
        switch (random.nextInt(8)) {
            case 0 -> {} // nobody
            case 1 ->
                headers.add("Authorization: "
                        + pick(new String[] {
                            "basic !!!",
                            "Bearer a.b.c",
                            "Bearer",
                            "Digest x",
                            "Basic " + "A".repeat(5000) + "Og==",
                            Api.basicAuthorization("no-such-person", "x"),
                            Api.basicAuthorization(guessedAt, "wrong")
                        }));
            case 2 -> headers.add("Authorization: " + Api.basicAuthorization("admin"));
            case 3 -> headers.add("Authorization: " + Api.basicAuthorization("visitor"));
            default ->
                headers.add("Authorization: "
                        + Api.basicAuthorization(
                                random.nextBoolean() ? "author" : "voter" + (1 + random.nextInt(1000))));
        }
        if (random.nextInt(4) > 0) {
            headers.add("Content-Type: "
                    + pick(new String[] {
                        "application/json", "application/json", "application/merge-patch+json", "text/plain",
                        "application/json; charset=ISO-8859-1", "multipart/form-data; boundary=x", "application/xml",
                                "garbage",
                        "application/x-www-form-urlencoded"
                    }));
        }
        if (random.nextBoolean()) {
            headers.add("Accept: "
                    + pick(new String[] {
                        "*/*",
                        "application/json",
                        "text/html",
                        "application/xml",
                        "text/event-stream",
                        "garbage/;;",
                        "application/problem+json"
                    }));
        }
        if (random.nextInt(4) == 0) {
            headers.add("If-Match: "
                    + pick(new String[] {"\"1\"", "W/\"0\"", "*", "garbage", "\"" + "9".repeat(30) + "\""}));
        }
        if (random.nextInt(4) == 0) {
            headers.add(
                    "Idempotency-Key: " + randomText(1 + random.nextInt(300)).replaceAll("[\\x00-\\x1f]", ""));
        }
        if (random.nextInt(6) == 0) {
            headers.add(
                    "X-Forwarded-For: " + pick(new String[] {"1.2.3.4", "::1", "garbage, 10.0.0.1", "999.1.1.1", ""}));
        }
        return headers;
    }

    private byte[] body(String optionId) {
        return switch (random.nextInt(7)) {
            case 0 -> new byte[0];
            case 1 -> randomBytes(1 + random.nextInt(500));
            case 2 -> ("[".repeat(1 + random.nextInt(2000))).getBytes(StandardCharsets.UTF_8);
            case 3 ->
                ("{\"optionIds\": [\"" + optionId + "\"]" + (random.nextBoolean() ? "}" : ""))
                        .getBytes(StandardCharsets.UTF_8);
            default -> json(0).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** A JSON value, mostly an object of the API's own field names with values of any type. */
    private String json(int depth) {
        int kind = depth > 5 ? random.nextInt(4) : random.nextInt(7);
        return switch (kind) {
            case 0 -> pick(new String[] {"null", "true", "false", "0", "-1", "1e400", "12345678901234567890", "0.5"});
            case 1 -> "\"" + pick(WORDS).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case 2 -> "\"" + randomText(random.nextInt(300)).replaceAll("[\"\\\\\\x00-\\x1f]", "_") + "\"";
            case 3 -> String.valueOf(random.nextLong());
            case 4 -> {
                StringBuilder array = new StringBuilder("[");
                int items = random.nextInt(5);
                for (int j = 0; j < items; j++) {
                    array.append(j > 0 ? "," : "").append(json(depth + 1));
                }
                yield array.append("]").toString();
            }
            default -> {
                StringBuilder object = new StringBuilder("{");
                int fields = random.nextInt(6);
                for (int j = 0; j < fields; j++) {
                    String name = random.nextInt(5) == 0
                            ? randomText(5).replaceAll("[\"\\\\\\x00-\\x1f]", "_")
                            : pick(FIELDS);
                    object.append(j > 0 ? "," : "")
                            .append('"')
                            .append(name)
                            .append("\":")
                            .append(json(depth + 1));
                }
                yield object.append("}").toString();
            }
        };
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < length; j++) {
            int kind = random.nextInt(10);
            text.appendCodePoint(
                    kind < 6
                            ? 0x20 + random.nextInt(0x5f)
                            : kind < 8 ? random.nextInt(0x20) : kind < 9 ? 0xa0 + random.nextInt(0x2000) : 0x1f600);
        }
        return text.toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private String pick(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String clip(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
