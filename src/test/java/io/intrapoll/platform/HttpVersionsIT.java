package io.intrapoll.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Https;
import io.intrapoll.support.Voters;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which HTTP the server speaks: HTTP/1.1 on plain HTTP, even to a client that asks to upgrade to HTTP/2 (Java's
 * HttpClient does by default, with "Upgrade: h2c"; Liberty's upgrade at times left such a request waiting until
 * the client gave up, or answered a static file 503), and HTTP/2 over HTTPS for the browsers that negotiate it.
 */
class HttpVersionsIT extends AgainstTheServer {

    private static final List<String> PATHS =
            List.of("/api/v1/polls", "/assets/intrapoll.css", "/login.html", "/app/", "/assets/common.js");

    @Test
    void plainHttpAnswersInHttp11EvenToAClientThatAsksForAnUpgrade() throws Exception {
        String voter = Voters.fresh();
        // A new client each round: the upgrade is asked for on each new connection.
        for (int round = 0; round < 5; round++) {
            HttpClient upgrading = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_2)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            for (String path : PATHS) {
                HttpResponse<String> reply = upgrading.send(
                        HttpRequest.newBuilder(Api.itServer().resolve(path))
                                .timeout(Duration.ofSeconds(10))
                                .header("Authorization", Api.basicAuthorization(voter))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, reply.statusCode(), path);
                assertEquals(HttpClient.Version.HTTP_1_1, reply.version(), path);
            }
        }
    }

    @Test
    void httpsNegotiatesHttp2() throws Exception {
        String voter = Voters.fresh();
        HttpClient client = Https.trustingClient();
        for (String path : PATHS) {
            HttpResponse<String> reply = client.send(
                    HttpRequest.newBuilder(Https.itServer().resolve(path))
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", Api.basicAuthorization(voter))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reply.statusCode(), path);
            assertEquals(HttpClient.Version.HTTP_2, reply.version(), path);
        }
    }
}
