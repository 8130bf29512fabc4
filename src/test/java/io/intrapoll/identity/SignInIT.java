package io.intrapoll.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Voters;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signing in over HTTP: the login form's session beside Basic for API clients. */
class SignInIT extends AgainstTheServer {

    private final URI server = Api.itServer();
    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new LocalhostIsSecure())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * A cookie jar that, as browsers do, counts http://localhost as a secure origin and so sends the session's
     * Secure cookie back to it (java.net.CookieManager alone keeps Secure cookies for https addresses).
     */
    private static final class LocalhostIsSecure extends CookieManager {
        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            URI asSecure = "localhost".equals(uri.getHost())
                    ? URI.create(uri.toString().replaceFirst("^http:", "https:"))
                    : uri;
            return super.get(asSecure, requestHeaders);
        }
    }

    private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form posted from this site's own login page, as a browser would report it (Origin). */
    private HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
        return browser.send(
                HttpRequest.newBuilder(server.resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", origin())
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String origin() {
        return server.getScheme() + "://" + server.getHost() + ":" + server.getPort();
    }

    private HttpResponse<String> postJson(String path, String json, String origin)
            throws IOException, InterruptedException {
        return browser.send(
                HttpRequest.newBuilder(server.resolve(path))
                        .header("Content-Type", "application/json")
                        .header("Origin", origin)
                        .POST(HttpRequest.BodyPublishers.ofString(json))
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

        String voter = Voters.fresh();
        HttpResponse<String> login = postForm("/login", form(voter, voter, "/app/results.html?poll=demo"));
        assertEquals(302, login.statusCode());
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow();
        assertTrue(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);
        assertTrue(login.headers().firstValue("Location").orElseThrow().endsWith("/app/results.html?poll=demo"));

        assertEquals(200, get("/app/").statusCode());
        HttpResponse<String> me = get("/api/v1/me");
        assertEquals(200, me.statusCode());
        assertTrue(me.body().contains("\"name\":\"" + voter + "\""), me.body());
        assertTrue(me.body().contains("\"roles\":[\"voter\"]"), me.body());

        HttpResponse<String> asAuthor = get("/api/v1/me", "Authorization", Api.basicAuthorization("author"));
        assertTrue(asAuthor.body().contains("\"name\":\"author\""), "an Authorization header wins: " + asAuthor.body());

        HttpResponse<String> logout = postForm("/logout", "");
        assertEquals(303, logout.statusCode());
        assertEquals(401, get("/api/v1/me").statusCode(), "the session ended");
        assertEquals(302, get("/app/").statusCode());
    }

    @Test
    void changesMadeWithASessionMustComeFromThisSitesPages() throws Exception {
        jakarta.json.JsonObject poll = io.intrapoll.support.TestPolls.create(
                Api.as("author"),
                io.intrapoll.support.TestPolls.singleChoice("Forgery target").add("open", true));
        String votes = "/api/v1/polls/" + poll.getString("id") + "/votes";
        String ballot = "{\"optionIds\": [\""
                + poll.getJsonArray("options").getJsonObject(0).getString("id") + "\"]}";
        String voter = Voters.fresh();
        assertEquals(302, postForm("/login", form(voter, voter, "/app/")).statusCode());

        HttpResponse<String> forged = postJson(votes, ballot, "http://evil.example");
        assertEquals(403, forged.statusCode());
        assertTrue(forged.body().contains("cross-site-request"), forged.body());
        assertEquals(404, Api.as(voter).get(votes + "/mine").status(), "nothing was cast");

        assertEquals(202, postJson(votes, ballot, origin()).statusCode(), "from the site's own page");
    }

    @Test
    void pagesCarryTheSecurityHeaders() throws Exception {
        HttpResponse<String> login = get("/login.html");
        assertEquals(200, login.statusCode());
        String policy = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"), policy);
        assertEquals(
                "nosniff", login.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals(
                "same-origin", login.headers().firstValue("Referrer-Policy").orElseThrow());
    }

    @Test
    void withoutSingleSignOnTheLoginFormIsTheOnlyWayIn() throws Exception {
        HttpResponse<String> options = get("/sign-in-options");
        assertEquals(200, options.statusCode());
        assertEquals("{\"singleSignOn\":null}", options.body());
        assertEquals(404, get("/sso/start?next=/app/").statusCode(), "no sign-in application without intrapoll.sso");
        String policy = get("/login.html")
                .headers()
                .firstValue("Content-Security-Policy")
                .orElseThrow();
        assertTrue(policy.contains("form-action 'self';"), "forms post to this site only: " + policy);
    }

    @Test
    void aWrongPasswordReturnsToTheFormWithoutASession() throws Exception {
        HttpResponse<String> login = postForm("/login", form(Voters.fresh(), "nope", "/app/"));
        assertEquals(303, login.statusCode());
        assertTrue(login.headers().firstValue("Location").orElseThrow().contains("/login.html?error=invalid"));
        assertEquals(401, get("/api/v1/me").statusCode());
    }

    @Test
    void theFormNeverSendsTheBrowserToAnotherSite() throws Exception {
        String voter = Voters.fresh();
        HttpResponse<String> login = postForm("/login", form(voter, voter, "//evil.example/"));
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

    /**
     * Wrong passwords for one name are limited (10 a minute by default): then even the right password waits, with
     * 429 and Retry-After for Basic, and a message on the login page, while other people sign in as usual.
     */
    @Test
    void repeatedWrongPasswordsForOneNameAreSlowedDown() throws Exception {
        // Its sign-in stays locked for a while after this test: Voters.everyone() waits for it.
        String voter = Voters.freshToExhaust();
        Api wrong = Api.anonymous().with("Authorization", Api.basicAuthorization(voter, "guess"));
        for (int i = 0; i < 10; i++) {
            assertEquals(401, wrong.get("/api/v1/me").status(), "attempt " + (i + 1));
        }
        Api.Reply throttled = Api.as(voter).get("/api/v1/me");
        io.intrapoll.support.ProblemAssertions.assertProblem(429, "too-many-requests", throttled);
        assertTrue(Integer.parseInt(throttled.header("Retry-After")) >= 1, throttled::toString);
        HttpResponse<String> form = postForm("/login", form(voter, voter, "/app/"));
        assertEquals(303, form.statusCode());
        assertTrue(form.headers().firstValue("Location").orElseThrow().contains("error=throttled"));
        assertEquals(200, Api.as(Voters.fresh()).get("/api/v1/me").status(), "another name is unaffected");
    }

    /**
     * Nobody can lock another person out: guesses from one address hold up that address only (growing delays there,
     * the right password included), the owner signs in from elsewhere at once, and a name typed in other letter
     * cases is the same account.
     */
    @Test
    void guessesFromElsewhereNeverLockTheOwnerOut() {
        String voter = Voters.freshToExhaust();
        String guesserAddress = "203.0.113.7";
        Api guesser = Api.anonymous()
                .with("Authorization", Api.basicAuthorization(voter, "guess"))
                .with("X-Forwarded-For", guesserAddress);
        for (int i = 0; i < 10; i++) {
            assertEquals(401, guesser.get("/api/v1/me").status(), "attempt " + (i + 1));
        }
        Api.Reply waiting = guesser.get("/api/v1/me");
        io.intrapoll.support.ProblemAssertions.assertProblem(429, "too-many-requests", waiting);
        assertEquals("5", waiting.header("Retry-After"), "the first delay");
        Api.Reply rightPassword =
                Api.as(voter).with("X-Forwarded-For", guesserAddress).get("/api/v1/me");
        assertEquals(429, rightPassword.status(), "from the guesser's address even the right password waits");
        Api.Reply otherCase = Api.anonymous()
                .with("Authorization", Api.basicAuthorization(voter.toUpperCase(java.util.Locale.ROOT), "guess"))
                .with("X-Forwarded-For", guesserAddress)
                .get("/api/v1/me");
        assertEquals(429, otherCase.status(), "the name in capitals is the same account");

        Api.Reply owner = Api.as(voter).with("X-Forwarded-For", "198.51.100.9").get("/api/v1/me");
        assertEquals(200, owner.status(), "the owner, from its own address, is not held up: " + owner);
    }
}
