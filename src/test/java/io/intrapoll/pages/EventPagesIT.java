package io.intrapoll.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Browser;
import io.intrapoll.support.TestPolls;
import io.intrapoll.support.Voters;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An event as its audience and its presenter see it (issue 19): voters join by code on phone-sized windows, their
 * pages follow the presenter through three polls; questions asked from two browsers are upvoted and sorted, and a
 * hidden one leaves every page. axe-core on every new page and state; screenshots on three screens.
 */
class EventPagesIT extends AgainstTheServer {

    /** How soon a page follows the presenter: API.md's event stream publishes within a quarter second. */
    private static final Duration FOLLOWS_WITHIN = Duration.ofSeconds(2);

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<Dimension> SCREENS =
            List.of(Browser.PHONE, new Dimension(1366, 768), new Dimension(1920, 1080));

    private final Api author = Api.as("author");

    private JsonObject event(String title) {
        Api.Reply created = author.post("/api/v1/events", "{\"title\": \"" + title + "\"}");
        assertEquals(201, created.status(), created::toString);
        return created.json();
    }

    private String pollIn(String eventId, String title) {
        return TestPolls.create(
                        author,
                        TestPolls.poll(title, "SINGLE", "Lisbon", "Berlin", "Oslo")
                                .add("eventId", eventId))
                .getString("id");
    }

    private void present(String eventId, String pollId) {
        Api.Reply presented = author.post(
                "/api/v1/events/" + eventId + "/present",
                "{\"pollId\": " + (pollId == null ? "null" : "\"" + pollId + "\"") + "}");
        assertEquals(200, presented.status(), presented::toString);
    }

    /** Waits until every page shows the text in the element, and says how long the slowest took. */
    private static long follow(List<Browser> pages, By by, String text) {
        long started = System.nanoTime();
        for (Browser page : pages) {
            page.waitForText(by, text);
        }
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    @Test
    void twoVotersJoinByCodeAndFollowThePresenterThroughThreePolls() {
        JsonObject event = event("Town hall, December");
        String id = event.getString("id");
        List<String> polls = List.of(
                pollIn(id, "Where should the offsite be?"),
                pollIn(id, "Which city for the spring party?"),
                pollIn(id, "Where do we open next?"));
        Map<String, String> violations = new LinkedHashMap<>();
        try (Browser first = Browser.signedInAs(Api.itServer(), Voters.fresh(), Browser.PHONE);
                Browser second = Browser.signedInAs(Api.itServer(), Voters.fresh(), Browser.PHONE);
                Browser presenter = Browser.signedInAs(Api.itServer(), "author", new Dimension(1920, 1080))) {
            // One joins with the code typed in the start page's box, in small letters; the other by its address.
            first.open("/app/");
            first.find(By.id("join-code-input"))
                    .sendKeys(event.getString("code").toLowerCase());
            first.find(By.cssSelector("#join button[type=submit]")).click();
            second.open("/j/" + event.getString("code"));
            for (Browser page : List.of(first, second)) {
                page.waitForText(By.id("event-title"), "Town hall, December");
                page.find(By.id("question-text"));
            }
            violations.put("event page, questions", first.accessibilityViolations());
            presenter.open("/app/present.html?event=" + id);
            presenter.waitForText(By.id("join-code"), event.getString("code").substring(0, 3));
            violations.put("presenter view, questions", presenter.accessibilityViolations());

            for (int i = 0; i < polls.size(); i++) {
                present(id, polls.get(i));
                String title = List.of(
                                "Where should the offsite be?",
                                "Which city for the spring party?",
                                "Where do we open next?")
                        .get(i);
                long took = follow(List.of(first, second, presenter), By.id("title"), title);
                System.out.println(
                        "EventPagesIT: three pages followed the presenter to poll " + (i + 1) + " in " + took + " ms");
                assertTrue(
                        took <= FOLLOWS_WITHIN.toMillis(),
                        "the pages followed the presenter to poll " + (i + 1) + " in " + took + " ms");
                first.find(By.xpath("//label[contains(@class,'choice')][contains(., 'Lisbon')]"))
                        .click();
                first.find(By.cssSelector("#ballot button[type=submit]")).click();
                first.waitForText(By.id("message"), "your vote is in");
                assertEquals("Lisbon", first.find(By.id("my-choice")).getText(), "the choice in words");
                first.waitForText(By.id("total"), "1 ballot");
                presenter.waitForText(By.id("total"), "1 ballot");
                if (i == 0) {
                    violations.put("event page, after voting", first.accessibilityViolations());
                    violations.put("event page, a poll", second.accessibilityViolations());
                    violations.put("presenter view, a poll", presenter.accessibilityViolations());
                }
            }
            present(id, null);
            follow(List.of(first, second), By.id("qa-heading"), "Questions");
            first.find(By.id("question-text"));
            assertTrue(first.horizontalOverflow() <= 0, "the event page fits a phone");
        }
        screenshots(id, polls.get(0));
        violations.values().removeIf(String::isEmpty);
        assertTrue(violations.isEmpty(), () -> "WCAG 2.1 A/AA violations: " + violations);
    }

    @Test
    void questionsFromTwoBrowsersAreUpvotedSortedAndAHiddenOneLeavesEveryPage() {
        JsonObject event = event("Ask me anything");
        String id = event.getString("id");
        try (Browser asker = Browser.signedInAs(Api.itServer(), Voters.fresh(), Browser.PHONE);
                Browser other = Browser.signedInAs(Api.itServer(), Voters.fresh(), Browser.PHONE);
                Browser presenter = Browser.signedInAs(Api.itServer(), "author", new Dimension(1920, 1080))) {
            asker.open("/j/" + event.getString("code"));
            other.open("/j/" + event.getString("code"));
            presenter.open("/app/present.html?event=" + id);
            asker.find(By.id("question-text")).sendKeys("Is the canteen reopening?");
            asker.find(By.id("anonymous")).click();
            asker.find(By.id("ask-button")).click();
            asker.waitForText(By.id("event-message"), "your question is in");
            other.find(By.id("question-text")).sendKeys("When is the next offsite?");
            other.find(By.id("ask-button")).click();
            other.waitForText(By.id("event-message"), "your question is in");

            for (Browser page : List.of(asker, other)) {
                page.waitForText(By.id("questions"), "Is the canteen reopening?");
                page.waitForText(By.id("questions"), "When is the next offsite?");
            }
            asker.waitForText(By.id("questions"), "Anonymous · yours");
            // The later question, upvoted by its reader, goes first in "top" on every page.
            other.find(By.xpath("//li[.//p[text()='Is the canteen reopening?']]//button[contains(@class,'upvote')]"))
                    .click();
            for (Browser page : List.of(asker, other)) {
                page.waitFor(driver -> driver.findElements(By.cssSelector("#questions li .text"))
                        .get(0)
                        .getText()
                        .equals("Is the canteen reopening?"));
            }
            presenter.waitFor(driver -> driver.findElements(By.cssSelector("#top-questions li .text"))
                    .get(0)
                    .getText()
                    .equals("Is the canteen reopening?"));
            other.find(By.id("sort-recent")).click();
            assertEquals(
                    "When is the next offsite?",
                    other.findAll(By.cssSelector("#questions li .text")).get(0).getText());

            String hidden = author.get("/api/v1/events/" + id + "/questions?sort=recent")
                    .array("items")
                    .getJsonObject(0)
                    .getString("id");
            assertEquals(
                    200,
                    author.post("/api/v1/events/" + id + "/questions/" + hidden + "/hide")
                            .status());
            for (Browser page : List.of(asker, other)) {
                page.waitFor(ExpectedConditions.not(
                        ExpectedConditions.textToBePresentInElementLocated(By.id("questions"), "next offsite")));
            }
            presenter.waitFor(ExpectedConditions.not(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("top-questions"), "next offsite")));
        }
    }

    @Test
    void theConsoleCreatesAnEventAddsAPollPresentsItModeratesAndEndsIt() {
        String poll = TestPolls.create(author, TestPolls.poll("Console-run poll", "SINGLE", "Yes", "No"))
                .getString("id");
        Map<String, String> violations = new LinkedHashMap<>();
        try (Browser console = Browser.signedInAs("author")) {
            console.open("/app/");
            console.find(By.id("console-link")).click(); // authors find the console from the voter pages
            console.find(By.linkText("Events")).click();
            console.find(By.id("e-title-input")).sendKeys("Console all-hands");
            console.find(By.id("qa-moderated")).click();
            violations.put("console, events", console.accessibilityViolations());
            console.find(By.id("create-button")).click();
            console.waitForText(By.id("message"), "The event is live");
            String eventId = console.currentUrl().replaceAll(".*event=([^&]+).*", "$1");
            violations.put("console, an event", console.accessibilityViolations());

            new org.openqa.selenium.support.ui.Select(console.find(By.id("add-poll-select"))).selectByValue(poll);
            console.find(By.id("add-poll-button")).click();
            console.waitForText(By.id("event-polls"), "Console-run poll");
            console.find(By.xpath("//ol[@id='event-polls']//button[text()='Present']"))
                    .click();
            console.waitForText(By.id("event-polls"), "on screen");
            assertEquals(poll, author.get("/api/v1/events/" + eventId).string("activePollId"));
            assertEquals("OPEN", author.get("/api/v1/polls/" + poll).string("status"), "presenting opened the draft");

            String asker = Voters.fresh();
            Api.as(asker)
                    .post("/api/v1/events/" + eventId + "/questions", "{\"text\": \"Approved from the console?\"}");
            console.open("/console/events.html?event=" + eventId);
            console.waitForText(By.id("moderation"), "pending");
            console.find(By.xpath("//ul[@id='moderation']//button[text()='Approve']"))
                    .click();
            console.waitForText(By.id("moderation"), "visible");
            assertEquals(
                    "VISIBLE",
                    Api.as(Voters.fresh())
                            .get("/api/v1/events/" + eventId + "/questions")
                            .array("items")
                            .getJsonObject(0)
                            .getString("status"));

            console.find(By.id("end-event")).click();
            console.find(By.id("confirm-ok")).click();
            console.waitForText(By.id("message"), "The event has ended");
            assertEquals("ENDED", author.get("/api/v1/events/" + eventId).string("status"));
        }
        violations.values().removeIf(String::isEmpty);
        assertTrue(violations.isEmpty(), () -> "WCAG 2.1 A/AA violations: " + violations);
    }

    /** The event's page (its poll, then its questions) and the presenter view on a phone, a laptop and 1920x1080. */
    private void screenshots(String eventId, String pollId) {
        for (Dimension screen : SCREENS) {
            String size = screen.getWidth() + "x" + screen.getHeight();
            try (Browser browser = Browser.signedInAs(Api.itServer(), Voters.fresh(), screen)) {
                present(eventId, pollId);
                browser.open("/app/event.html?event=" + eventId);
                browser.find(By.cssSelector("#ballot form"));
                browser.screenshot(SCREENSHOTS.resolve("event-poll-" + size + ".png"));
                assertTrue(browser.horizontalOverflow() <= 0, "the event's poll scrolls sideways at " + size);
                present(eventId, null);
                browser.find(By.id("question-text"));
                browser.screenshot(SCREENSHOTS.resolve("event-questions-" + size + ".png"));
                assertTrue(browser.horizontalOverflow() <= 0, "the event's questions scroll sideways at " + size);
                browser.open("/app/present.html?event=" + eventId);
                browser.find(By.id("join-code"));
                browser.screenshot(SCREENSHOTS.resolve("event-presenter-" + size + ".png"));
                assertTrue(browser.horizontalOverflow() <= 0, "the presenter view scrolls sideways at " + size);
            }
        }
    }
}
