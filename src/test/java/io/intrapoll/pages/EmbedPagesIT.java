package io.intrapoll.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Browser;
import io.intrapoll.support.TestPolls;
import io.intrapoll.support.Voters;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;

/**
 * The compact poll page other intranet sites frame (issue 21): the integration-test server lets
 * {@code http://localhost:${embed.it.host.port}} frame {@code /embed/{pollId}} and nothing else. A host page the
 * test serves there frames it in Chromium: a signed-in voter votes and sees the live results inside the frame; a
 * visitor not signed in signs in through the window the frame opens and comes back to the ballot; the same page
 * served from another port shows no poll. axe-core on the embedded page; screenshots on three screens.
 */
class EmbedPagesIT extends AgainstTheServer {

    private static final int ALLOWED_HOST_PORT = Integer.getInteger("embed.it.host.port", 9188);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<Dimension> SCREENS =
            List.of(Browser.PHONE, new Dimension(1366, 768), new Dimension(1920, 1080));

    private final Api author = Api.as("author");

    private String openPoll(String title) {
        return TestPolls.create(
                        author,
                        TestPolls.poll(title, "SINGLE", "Lisbon", "Berlin", "Oslo")
                                .add("open", true))
                .getString("id");
    }

    @Test
    void onlyTheEmbeddedPageMayBeFramedAndOnlyByTheAllowedSite() {
        String pollId = openPoll("Framed by the intranet");
        Api.Reply embedded = Api.anonymous().get("/embed/" + pollId);
        assertEquals(200, embedded.status(), "public, as the login page: it holds no data");
        assertTrue(embedded.contentType().startsWith("text/html"), embedded::toString);
        assertTrue(
                embedded.header("Content-Security-Policy")
                        .endsWith("frame-ancestors http://localhost:" + ALLOWED_HOST_PORT),
                embedded.header("Content-Security-Policy"));
        assertNull(embedded.header("X-Frame-Options"), "X-Frame-Options knows no list of sites");

        for (String elsewhere : List.of(
                "/login.html",
                "/app/vote.html?poll=" + pollId,
                "/assets/embed.js",
                "/embed/../app/vote.html?poll=" + pollId)) {
            Api.Reply page = Api.as("voter1").get(elsewhere);
            assertTrue(
                    page.header("Content-Security-Policy").endsWith("frame-ancestors 'none'"),
                    elsewhere + ": " + page.header("Content-Security-Policy"));
            assertEquals("DENY", page.header("X-Frame-Options"), elsewhere);
        }

        Api.Reply notAPoll = Api.anonymous().get("/embed/not%20a%20poll");
        assertEquals(404, notAPoll.status(), notAPoll::toString);
        assertTrue(notAPoll.isProblem(), notAPoll::toString);
    }

    @Test
    void aSignedInVoterVotesInTheFrameAndSeesTheLiveResults() throws Exception {
        String pollId = openPoll("Where should the offsite be?");
        try (HostPage allowed = new HostPage(ALLOWED_HOST_PORT, pollId);
                HostPage other = new HostPage(0, pollId);
                Browser browser = Browser.signedInAs(Api.itServer(), Voters.fresh(), new Dimension(1366, 768))) {
            WebDriver driver = browser.driver();
            // axe-core on the page itself (in a frame it would judge the host page too).
            browser.open("/embed/" + pollId).waitForText(By.id("title"), "Where should the offsite be?");
            browser.find(By.cssSelector("#ballot form"));
            assertEquals("", browser.accessibilityViolations(), "axe-core on the embedded ballot");

            driver.get(allowed.url());
            driver.switchTo().frame("poll");
            browser.waitForText(By.id("title"), "Where should the offsite be?");
            browser.find(By.xpath("//label[contains(., 'Oslo')]")).click();
            browser.find(By.cssSelector("button.cast")).click();
            browser.waitForText(By.id("message"), "You voted: Oslo");
            browser.waitForText(By.cssSelector("#poll-results ip-results"), "Oslo");
            assertTrue(browser.find(By.cssSelector("#poll-results")).isDisplayed(), "live results shown in the frame");

            // A link leaves the frame alone: the page behind it opens in a tab of its own.
            Set<String> before = driver.getWindowHandles();
            browser.find(By.id("open-in-intrapoll")).click();
            browser.waitFor(d -> d.getWindowHandles().size() == before.size() + 1);
            assertEquals(
                    "/embed/" + pollId,
                    browser.driver().executeScript("return location.pathname"),
                    "the frame stayed where it was");

            // The same page served by a site the server does not name: the browser refuses to show the poll.
            driver.switchTo().defaultContent();
            driver.get(other.url());
            driver.switchTo().frame("poll");
            assertFalse(
                    String.valueOf(driver.getPageSource()).contains("Where should the offsite be?"),
                    "framed by a site not allowed");
            assertTrue(driver.findElements(By.id("title")).isEmpty(), driver.getPageSource());
            assertTrue(
                    String.valueOf(browser.driver().executeScript("return location.href"))
                            .startsWith("chrome-error:"),
                    "Chromium's refusal page in the frame, not a frame still loading");

            driver.switchTo().defaultContent();
            browser.open("/embed/" + pollId).waitForText(By.id("message"), "You voted: Oslo");
            browser.waitForText(By.cssSelector("#poll-results ip-results"), "Oslo");
            assertEquals("", browser.accessibilityViolations(), "axe-core on the embedded results");
        }
    }

    @Test
    void aVisitorNotSignedInSignsInThroughItsOwnWindowAndComesBackToTheBallot() throws Exception {
        String pollId = openPoll("Which city for the spring party?");
        String voter = Voters.fresh();
        try (HostPage allowed = new HostPage(ALLOWED_HOST_PORT, pollId);
                Browser browser = Browser.anonymous()) {
            WebDriver driver = browser.driver();
            driver.get(allowed.url());
            String host = driver.getWindowHandle();
            driver.switchTo().frame("poll");
            browser.waitForText(By.id("sign-in-heading"), "Sign in to vote");
            assertTrue(driver.findElements(By.cssSelector("#ballot form")).isEmpty(), "no ballot before signing in");
            driver.switchTo().defaultContent();
            browser.screenshot(SCREENSHOTS.resolve("embed-sign-in-1280x900.png"));
            driver.switchTo().frame("poll");
            Set<String> before = driver.getWindowHandles();
            browser.find(By.id("sign-in-button")).click();
            String signInWindow = browser.waitFor(d -> d.getWindowHandles().stream()
                    .filter(handle -> !before.contains(handle))
                    .findFirst()
                    .orElse(null));
            driver.switchTo().window(signInWindow);
            browser.signIn(voter, voter);
            // Back from the login page, the window tells the frame and closes itself.
            browser.waitFor(d -> !d.getWindowHandles().contains(signInWindow));
            driver.switchTo().window(host);
            driver.switchTo().frame("poll");
            browser.waitForText(By.id("title"), "Which city for the spring party?");
            browser.find(By.cssSelector("#ballot form"));
            assertFalse(driver.findElement(By.id("sign-in")).isDisplayed(), "signed in: no sign-in box");
            browser.find(By.xpath("//label[contains(., 'Lisbon')]")).click();
            browser.find(By.cssSelector("button.cast")).click();
            browser.waitForText(By.id("message"), "You voted: Lisbon");
        }
    }

    @Test
    void theEmbeddedPageOnThreeScreens() throws Exception {
        String pollId = openPoll("Lunch on Friday: where?");
        JsonObject poll = Api.as("voter1").get("/api/v1/polls/" + pollId).json();
        for (int i = 0; i < 5; i++) { // a few votes before, for results worth looking at
            String option = poll.getJsonArray("options")
                    .getJsonObject(i % 3 == 0 ? 0 : 2)
                    .getString("id");
            Api.as(Voters.fresh()).post("/api/v1/polls/" + pollId + "/votes", "{\"optionIds\": [\"" + option + "\"]}");
        }
        try (HostPage allowed = new HostPage(ALLOWED_HOST_PORT, pollId);
                Browser browser = Browser.signedInAs(Api.itServer(), Voters.fresh(), Browser.PHONE)) {
            WebDriver driver = browser.driver();
            for (Dimension screen : SCREENS) {
                driver.manage().window().setSize(screen);
                driver.get(allowed.url());
                driver.switchTo().frame("poll");
                browser.waitForText(By.id("title"), "Lunch on Friday: where?");
                driver.switchTo().defaultContent();
                browser.screenshot(SCREENSHOTS.resolve("embed-ballot-" + screen.width + "x" + screen.height + ".png"));
            }
            driver.switchTo().frame("poll");
            browser.find(By.xpath("//label[contains(., 'Berlin')]")).click();
            browser.find(By.cssSelector("button.cast")).click();
            browser.waitForText(By.id("message"), "You voted: Berlin");
            browser.waitForText(By.cssSelector("#poll-results ip-results"), "Berlin");
            driver.switchTo().defaultContent();
            for (Dimension screen : SCREENS) {
                driver.manage().window().setSize(screen);
                browser.screenshot(SCREENSHOTS.resolve("embed-results-" + screen.width + "x" + screen.height + ".png"));
            }
        }
    }

    /**
     * An intranet page of another origin that frames the poll (port 0: any free port, a site the server does not
     * name).
     */
    private static final class HostPage implements AutoCloseable {
        private final HttpServer server;

        HostPage(int port, String pollId) {
            try {
                // Every address: Chromium may try localhost's IPv6 address first.
                server = HttpServer.create(new InetSocketAddress(port), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String frame = Api.itServer().resolve("/embed/" + pollId).toString();
            byte[] page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                            + "<title>Intranet news</title><style>body{font-family:sans-serif;margin:0;background:#eef}"
                            + "header{background:#234;color:#fff;padding:1rem 1.5rem}main{display:flex;flex-wrap:wrap;"
                            + "gap:1.5rem;padding:1.5rem}article{flex:1 1 20rem}iframe{flex:0 1 26rem;width:26rem;"
                            + "max-width:100%;height:36rem;border:1px solid #99a;background:#fff}</style></head><body>"
                            + "<header><strong>Intranet</strong> · News</header><main><article><h1>All-hands this"
                            + " Friday</h1><p>Tell us before Friday: the poll beside this text counts every vote"
                            + " once, and you see the results as they come in.</p></article>"
                            + "<iframe name=\"poll\" title=\"Poll\" src=\"" + frame
                            + "\"></iframe></main></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            server.start();
        }

        /** At localhost, as the allowed origin names it. */
        String url() {
            return "http://localhost:" + server.getAddress().getPort() + "/news.html";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
