package io.intrapoll.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.Api;
import io.intrapoll.support.Deployments;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Signing in over HTTP: the login form's session beside Basic for API clients. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInIT {

    private final URI server = Api.itServer();
    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.intrapoll();
    }

    private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
        return browser.send(
                HttpRequest.newBuilder(server.resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String user, String password, String next) {
        return "username=" + user + "&password=" + password + "&next="
                + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    @Test
    void theLoginFormOpensASessionForPagesAndTheApi() throws Exception {
        HttpResponse<String> page = get("/app/results.html?poll=demo");
        assertEquals(302, page.statusCode());
        assertTrue(page.headers()
                .firstValue("Location")
                .orElseThrow()
                .endsWith("/login.html?next=%2Fapp%2Fresults.html%3Fpoll%3Ddemo"));

        HttpResponse<String> login = postForm("/login", form("voter671", "voter671", "/app/results.html?poll=demo"));
        assertEquals(302, login.statusCode());
        assertTrue(login.headers().firstValue("Location").orElseThrow().endsWith("/app/results.html?poll=demo"));

        assertEquals(200, get("/app/").statusCode());
        HttpResponse<String> me = get("/api/v1/me");
        assertEquals(200, me.statusCode());
        assertTrue(me.body().contains("\"name\":\"voter671\""), me.body());
        assertTrue(me.body().contains("\"roles\":[\"voter\"]"), me.body());

        HttpResponse<String> asAuthor = get("/api/v1/me", "Authorization", Api.basicAuthorization("author"));
        assertTrue(asAuthor.body().contains("\"name\":\"author\""), "an Authorization header wins: " + asAuthor.body());

        HttpResponse<String> logout = postForm("/logout", "");
        assertEquals(303, logout.statusCode());
        assertEquals(401, get("/api/v1/me").statusCode(), "the session ended");
        assertEquals(302, get("/app/").statusCode());
    }

    @Test
    void aWrongPasswordReturnsToTheFormWithoutASession() throws Exception {
        HttpResponse<String> login = postForm("/login", form("voter672", "nope", "/app/"));
        assertEquals(303, login.statusCode());
        assertTrue(login.headers().firstValue("Location").orElseThrow().contains("/login.html?error=invalid"));
        assertEquals(401, get("/api/v1/me").statusCode());
    }

    @Test
    void theFormNeverSendsTheBrowserToAnotherSite() throws Exception {
        HttpResponse<String> login = postForm("/login", form("voter673", "voter673", "//evil.example/"));
        assertEquals(302, login.statusCode());
        String location = login.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(server.toString()) && location.endsWith("/app/"), location);
    }

    @Test
    void apiClientsAreChallengedWithBasicAndPageScriptsWithTheLoginPage() throws Exception {
        HttpResponse<String> client = get("/api/v1/polls");
        assertEquals(401, client.statusCode());
        assertTrue(client.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic "));
        assertTrue(client.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));

        HttpResponse<String> script = get("/api/v1/polls", "Sec-Fetch-Mode", "cors");
        assertEquals(401, script.statusCode());
        String challenge = script.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Form ") && challenge.contains("/login.html"), challenge);
    }
}
