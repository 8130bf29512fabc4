package io.intrapoll.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.Api;
import io.intrapoll.support.Browser;
import io.intrapoll.support.Https;
import io.intrapoll.support.LibertyServer;
import io.intrapoll.support.Votes;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Browser single sign-on end to end (issue 21): a server with {@code intrapoll.sso=oidc} and the OpenID provider it
 * trusts, a second Liberty server of the same runtime with {@code openidConnectServer-1.0} and a registry of its own
 * (src/test/liberty/op: Erin in employees and authors, Frank in employees, Grace in no group). In Chromium: the
 * login page offers the provider; a person signs in there and lands on the page it wanted, with the roles its ID
 * token's groups map to; the groups decide poll audiences as directory groups do; sign-out ends the provider's session
 * too (the next "Sign in with" asks for the password again, which it did not while that session lived).
 */
class SingleSignOnIT {

    private static final int HTTP_PORT = Integer.getInteger("sso.it.http.port", 9186);
    private static final int HTTPS_PORT = Integer.getInteger("sso.it.https.port", 9548);
    private static final int PROVIDER_HTTPS_PORT = Integer.getInteger("op.it.https.port", 9549);
    private static final URI PAGES = URI.create("https://localhost:" + HTTPS_PORT);
    private static final URI PLAIN = URI.create("http://localhost:" + HTTP_PORT);
    /** Another host name than the pages': the browser keeps the provider's cookies apart, as on a real site. */
    private static final String PROVIDER = "https://127.0.0.1:" + PROVIDER_HTTPS_PORT;

    private static final Path KEYSTORE = Path.of(System.getProperty("sso.it.keystore", "target/sso-it/keystore.p12"));
    private static final LibertyServer SERVER =
            new LibertyServer(System.getProperty("sso.it.server", "intrapoll-sso"), HTTP_PORT);
    private static final LibertyServer PROVIDER_SERVER = new LibertyServer(
            System.getProperty("op.it.server", "intrapoll-op"), Integer.getInteger("op.it.http.port", 9187));

    @BeforeAll
    static void startProviderAndServer() throws Exception {
        createTestKey();
        PROVIDER_SERVER.start();
        SERVER.startAndAwaitReady();
        awaitProvider();
    }

    @AfterAll
    static void stopServers() {
        try {
            SERVER.stop();
        } finally {
            PROVIDER_SERVER.stop();
        }
    }

    @Test
    void theLoginPageOffersTheProviderAndKeepsThePageAsked() {
        Api.Reply options = Api.at(PLAIN, null).get("/sign-in-options");
        assertEquals(200, options.status(), options::toString);
        assertEquals("Test ID", options.json().getJsonObject("singleSignOn").getString("provider"));
        try (Browser browser = Browser.anonymousAt(PAGES, PLAIN, Browser.DESKTOP)) {
            browser.open("/app/index.html");
            browser.waitFor(ExpectedConditions.urlContains("/login.html"));
            String policy = Api.at(PLAIN, null).get("/login.html").header("Content-Security-Policy");
            assertTrue(policy.contains("form-action 'self' " + PROVIDER + ";"), "sign-out ends there: " + policy);
            var link = browser.find(By.id("single-sign-on-link"));
            assertEquals("Sign in with Test ID", link.getText());
            assertTrue(
                    link.getAttribute("href").endsWith("/sso/start?next=%2Fapp%2Findex.html"),
                    link.getAttribute("href"));
            assertEquals("", browser.accessibilityViolations());
            for (Dimension screen : List.of(Browser.PHONE, new Dimension(1366, 768), new Dimension(1920, 1080))) {
                browser.driver().manage().window().setSize(screen);
                browser.screenshot(Path.of(
                        "target",
                        "screenshots",
                        "login-single-sign-on-" + screen.width + "x" + screen.height + ".png"));
            }
        }
    }

    @Test
    void anAuthorSignsInAtTheProviderAndSignOutEndsBothSessions() {
        try (Browser browser = Browser.anonymousAt(PAGES, PLAIN, Browser.DESKTOP)) {
            signInThroughTheProvider(browser, "/app/index.html", "erin");
            browser.waitFor(ExpectedConditions.urlToBe(PAGES + "/app/index.html"));
            browser.waitForText(By.id("who"), "erin");
            JsonObject me = call(browser, "GET", "/api/v1/me", null).json();
            assertEquals(Set.of("author", "voter"), strings(me.getJsonArray("roles")));
            assertEquals(Set.of("employees", "authors"), strings(me.getJsonArray("groups")));

            // While the provider's session lives, signing in again asks for no password.
            browser.driver().manage().deleteCookieNamed("JSESSIONID");
            browser.open("/app/");
            browser.find(By.id("single-sign-on-link")).click();
            browser.waitFor(ExpectedConditions.urlToBe(PAGES + "/app/"));
            browser.waitForText(By.id("who"), "erin");

            browser.find(By.cssSelector("form[action='/logout'] button")).click();
            browser.waitFor(ExpectedConditions.urlToBe(PAGES + "/login.html?signedOut"));
            browser.waitForText(By.id("message"), "You are signed out.");
            browser.open("/app/");
            browser.waitFor(ExpectedConditions.urlContains("/login.html?next="));
            // The provider's session ended too: its password is asked again.
            browser.find(By.id("single-sign-on-link")).click();
            browser.waitFor(ExpectedConditions.urlContains(PROVIDER));
            browser.find(By.name("j_username"));
        }
        JsonArray audit = Api.at(PLAIN, "admin")
                .get("/api/v1/admin/audit?actor=erin&size=200")
                .json()
                .getJsonArray("items");
        List<String> how = audit.stream()
                .map(JsonObject.class::cast)
                .map(entry -> entry.getString("action") + " " + entry.getString("detail", ""))
                .toList();
        assertTrue(how.contains("login.succeeded single sign-on"), how::toString);
        assertTrue(how.contains("logout single sign-on"), how::toString);
    }

    @Test
    void theTokensGroupsDecideRolesAndAudiencesAsDirectoryGroupsDo() {
        String pollId;
        String option;
        try (Browser erin = Browser.anonymousAt(PAGES, PLAIN, Browser.DESKTOP)) {
            signInThroughTheProvider(erin, "/app/", "erin");
            erin.waitFor(ExpectedConditions.urlToBe(PAGES + "/app/"));
            PageReply created = call(
                    erin,
                    "POST",
                    "/api/v1/polls",
                    "{\"title\": \"Team lunch\", \"type\": \"SINGLE\", \"open\": true, \"audienceGroups\": [\"employees\"],"
                            + " \"options\": [{\"label\": \"Thai\"}, {\"label\": \"Pizza\"}]}");
            assertEquals(201, created.status(), created::toString);
            pollId = created.json().getString("id");
            option = Votes.optionIds(created.json())[0];
        }
        try (Browser frank = Browser.anonymousAt(PAGES, PLAIN, Browser.PHONE)) {
            signInThroughTheProvider(frank, "/app/vote.html?poll=" + pollId, "frank");
            frank.waitFor(ExpectedConditions.urlContains("/app/vote.html"));
            assertEquals(
                    Set.of("voter"),
                    strings(call(frank, "GET", "/api/v1/me", null).json().getJsonArray("roles")));
            PageReply vote =
                    call(frank, "POST", "/api/v1/polls/" + pollId + "/votes", "{\"optionIds\": [\"" + option + "\"]}");
            assertEquals(202, vote.status(), vote::toString);
            assertEquals(
                    403,
                    call(frank, "POST", "/api/v1/polls", "{\"title\": \"Not an author\"}")
                            .status());
        }
        try (Browser grace = Browser.anonymousAt(PAGES, PLAIN, new Dimension(1366, 768))) {
            signInThroughTheProvider(grace, "/app/", "grace");
            grace.waitFor(ExpectedConditions.urlToBe(PAGES + "/app/"));
            JsonObject me = call(grace, "GET", "/api/v1/me", null).json();
            assertEquals("grace", me.getString("name"));
            assertTrue(me.getJsonArray("roles").isEmpty(), me::toString);
            PageReply vote =
                    call(grace, "POST", "/api/v1/polls/" + pollId + "/votes", "{\"optionIds\": [\"" + option + "\"]}");
            assertEquals(403, vote.status(), vote::toString);
        }
        Votes.awaitCounted(Api.at(PLAIN, "admin"), pollId, 1);
    }

    @Test
    void theHandOverIsNoAddressOfItsOwn() {
        Api.Reply direct = Api.at(PLAIN, null).get("/sso-complete?next=/app/");
        assertEquals(404, direct.status(), direct::toString);
        assertTrue(direct.contentType().startsWith("application/problem+json"), direct::toString);
    }

    /** From a page of this server: the sign-in button, the provider's own form, back to the page asked for. */
    private static void signInThroughTheProvider(Browser browser, String page, String person) {
        browser.open(page);
        browser.waitFor(ExpectedConditions.urlContains("/login.html"));
        browser.find(By.id("single-sign-on-link")).click();
        browser.waitFor(ExpectedConditions.urlContains(PROVIDER));
        browser.find(By.name("j_username")).sendKeys(person);
        browser.find(By.name("j_password")).sendKeys(person + "-password");
        browser.find(By.name("submitButton")).click();
        browser.waitFor(ExpectedConditions.urlContains(PAGES.toString()));
    }

    /** An API call from the signed-in page itself (its session cookie, its origin), as the pages' scripts make. */
    private static PageReply call(Browser browser, String method, String path, String body) {
        Object answer = browser.driver()
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0], {method: arguments[1], body: arguments[2],"
                                + " headers: {'Content-Type': 'application/json', Accept: 'application/json'}})"
                                + ".then(async r => done(JSON.stringify({status: r.status,"
                                + " type: r.headers.get('Content-Type') || '', body: await r.text()})))"
                                + ".catch(e => done(JSON.stringify({status: 0, type: '', body: String(e)})));",
                        path,
                        method,
                        body);
        JsonObject reply =
                Json.createReader(new StringReader(String.valueOf(answer))).readObject();
        return new PageReply(reply.getInt("status"), reply.getString("type"), reply.getString("body"));
    }

    /** What a page's fetch got. */
    private record PageReply(int status, String type, String body) {

        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    private static Set<String> strings(JsonArray values) {
        return values.getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .collect(Collectors.toSet());
    }

    /** One test key for both servers, each trusting the other's (src/test/liberty/sso and op name it). */
    private static void createTestKey() throws IOException, InterruptedException {
        Files.createDirectories(KEYSTORE.getParent());
        Files.deleteIfExists(KEYSTORE);
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "default",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "7",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost,ip:127.0.0.1",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        KEYSTORE.toString(),
                        "-storepass",
                        "sso-test-keystore")
                .inheritIO()
                .start();
        if (!keytool.waitFor(1, TimeUnit.MINUTES) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool could not create the test key");
        }
    }

    /** The provider is up when its discovery document answers (its endpoints speak HTTPS only). */
    private static void awaitProvider() throws InterruptedException {
        URI discovery = URI.create(PROVIDER + "/oidc/endpoint/OP/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> answer = Https.trustingClient()
                        .send(
                                HttpRequest.newBuilder(discovery)
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    assertFalse(answer.body().isEmpty());
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the OpenID provider did not answer within 3 minutes");
    }
}
