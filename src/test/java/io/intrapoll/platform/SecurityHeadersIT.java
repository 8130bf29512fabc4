package io.intrapoll.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Https;
import io.intrapoll.support.ResultsStream;
import io.intrapoll.support.TestPolls;
import io.intrapoll.support.Voters;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What no browser or proxy may keep (API answers, pages, results streams: Back after sign-out must not show the last
 * person's polls) and what it may (the static assets), and HTTPS that browsers keep using once they were told to.
 */
class SecurityHeadersIT extends AgainstTheServer {

    private static final String HSTS = "max-age=31536000";

    @Test
    void apiAnswersAndPagesAreNeverStored() {
        Api voter = Api.as(Voters.fresh());
        for (Api.Reply reply : List.of(
                voter.get("/api/v1/polls"),
                voter.get("/api/v1/me"),
                voter.get("/app/"),
                voter.get("/app/vote.html"),
                Api.anonymous().get("/login.html"),
                Api.anonymous().get("/api/v1/polls"))) { // the 401 problem as well
            assertTrue(reply.status() < 300 || reply.status() == 401, reply::toString);
            assertEquals(
                    "no-store",
                    reply.header("Cache-Control"),
                    () -> reply.http().uri() + " " + reply);
        }
    }

    @Test
    void resultsStreamsAreNeverStored() throws Exception {
        Api author = Api.as("author");
        String poll = TestPolls.create(
                        author, TestPolls.singleChoice("Stream headers").add("open", true))
                .getString("id");
        try (ResultsStream stream = ResultsStream.open(Api.itServer(), "author", poll)) {
            assertEquals(200, stream.status());
            assertEquals("no-store", stream.header("Cache-Control"));
        }
    }

    @Test
    void staticAssetsKeepTheirCaching() {
        for (String asset : List.of("/assets/intrapoll.css", "/assets/common.js", "/assets/icon.svg")) {
            Api.Reply reply = Api.anonymous().get(asset);
            assertEquals(200, reply.status(), asset);
            String caching = reply.header("Cache-Control");
            assertFalse(caching != null && caching.contains("no-store"), asset + ": " + caching);
        }
    }

    @Test
    void strictTransportSecurityOnlyOverHttps() throws Exception {
        var https = Https.trustingClient();
        String voter = Voters.fresh();
        for (String path : List.of("/api/v1/polls", "/app/", "/login.html", "/assets/intrapoll.css")) {
            HttpResponse<String> secure = https.send(
                    HttpRequest.newBuilder(Https.itServer().resolve(path))
                            .header("Authorization", Api.basicAuthorization(voter))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, secure.statusCode(), path);
            assertEquals(
                    HSTS,
                    secure.headers().firstValue("Strict-Transport-Security").orElse(null),
                    path);

            Api.Reply plain = Api.as(voter).get(path);
            assertEquals(200, plain.status(), path);
            assertNull(plain.header("Strict-Transport-Security"), path + " over plain HTTP");
        }
    }
}
