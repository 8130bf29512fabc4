package io.intrapoll.admin;

import static io.intrapoll.support.TestPolls.uniqueWord;
import static io.intrapoll.support.Votes.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Browser;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The admin console in a real headless Chromium: a poll run from the console while votes arrive by the API. */
class ConsoleIT extends AgainstTheServer {

    /** Where the browser tests leave the screenshots README.md shows (copied to docs/ by hand). */
    static final Path SCREENSHOTS = Path.of(System.getProperty("it.screenshots", "target/screenshots"));

    private final Api admin = Api.as("admin");

    private static String pollIdIn(String url) {
        return url.substring(url.indexOf("poll=") + 5).split("&")[0];
    }

    private static void confirm(Browser browser, String button) {
        browser.find(By.xpath("//div[@id='lifecycle']/button[text()='" + button + "']"))
                .click();
        browser.find(By.id("confirm-ok")).click();
    }

    @Test
    void anAdminCreatesOpensWatchesClosesAndExportsAPoll() throws Exception {
        String title = "Console run " + uniqueWord();
        try (Browser browser = Browser.signedInAs("admin")) {
            browser.open("/console/");
            browser.find(By.id("new-poll")).click();
            browser.find(By.id("f-title")).sendKeys(title);
            browser.find(By.id("f-options-0")).sendKeys("Red");
            browser.find(By.id("f-options-1")).sendKeys("Blue");
            browser.find(By.id("add-option")).click();
            browser.find(By.id("f-options-2")).sendKeys("Green");
            browser.find(By.id("save")).click();
            browser.waitFor(ExpectedConditions.urlContains("poll="));
            browser.waitForText(By.id("message"), "The poll was created.");
            String id = pollIdIn(browser.currentUrl());

            confirm(browser, "Open");
            browser.waitForText(By.id("message"), "The poll is open.");
            browser.waitForText(By.id("total"), "0 ballots");

            JsonObject poll = admin.get("/api/v1/polls/" + id).json();
            Map<String, String> optionByLabel = new HashMap<>();
            poll.getJsonArray("options")
                    .getValuesAs(JsonObject.class)
                    .forEach(option -> optionByLabel.put(option.getString("label"), option.getString("id")));
            assertEquals(
                    202,
                    vote(Api.as(Voters.fresh()), id, optionByLabel.get("Red")).status());
            assertEquals(
                    202,
                    vote(Api.as(Voters.fresh()), id, optionByLabel.get("Red")).status());
            assertEquals(
                    202,
                    vote(Api.as(Voters.fresh()), id, optionByLabel.get("Blue")).status());
            browser.waitForText(By.id("total"), "3 ballots");
            browser.screenshot(SCREENSHOTS.resolve("console-poll.png"));

            confirm(browser, "Close");
            browser.waitForText(By.id("message"), "The poll is closed.");
            browser.waitForText(By.id("total"), "final");

            browser.find(By.id("export-csv")).click();
            Path csv = browser.awaitDownload(".csv");
            Map<String, Long> downloaded = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                downloaded.put(cells[1].replace("\"", ""), Long.parseLong(cells[2]));
            }
            assertEquals(Map.of("Red", 2L, "Blue", 1L, "Green", 0L), downloaded);
            Map<String, Long> api = Votes.votesPerOption(
                    admin.get("/api/v1/polls/" + id + "/results").json());
            assertEquals(api.get(optionByLabel.get("Red")), downloaded.get("Red"), "the CSV matches the API");
        }
    }

    @Test
    void validationErrorsFromTheApiAppearNextToTheirFields() {
        try (Browser browser = Browser.signedInAs("author")) {
            browser.open("/console/poll.html");
            browser.find(By.id("f-options-0")).sendKeys("Same");
            browser.find(By.id("f-options-1")).sendKeys("Same");
            browser.driver()
                    .executeScript("document.getElementById('f-opensAt').value = '2031-03-02T10:00';"
                            + "document.getElementById('f-closesAt').value = '2031-03-01T10:00';");
            browser.find(By.id("save")).click();
            browser.waitForText(By.id("message"), "shown next to the fields");
            String closing = browser.find(By.id("e-closesAt")).getText();
            assertEquals("Must be after “Opens at”", closing, "the form's words, not the API's field names");
            assertTrue(browser.find(By.id("e-title")).getText().contains("required"), "title error beside the title");
            assertTrue(browser.find(By.id("e-options-1")).getText().contains("Repeats"), "label error beside option 2");
            assertEquals("true", browser.find(By.id("f-title")).getAttribute("aria-invalid"));
            assertEquals(
                    "", browser.driver().findElement(By.id("e-description")).getText(), "nothing beside valid fields");
            assertTrue(browser.currentUrl().endsWith("/console/poll.html"), "nothing was created");
        }
    }

    @Test
    void votersAreRefusedTheConsoleAndTheAdminApi() {
        String voter = Voters.fresh();
        try (Browser browser = Browser.signedInAs(voter)) {
            browser.open("/console/");
            browser.waitForText(By.tagName("h1"), "You may not use the console");
        }
        Api.Reply page = Api.as(voter).get("/console/");
        assertEquals(403, page.status());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        Api.Reply operations = Api.as(voter).get("/api/v1/admin/operations");
        assertEquals(403, operations.status());
        assertTrue(operations.isProblem());
        assertEquals(403, Api.as("author").get("/api/v1/admin/operations").status(), "authors neither");
    }

    @Test
    void operationsShowTheClusterThePipelineAndCountedBallots() {
        try (Browser browser = Browser.signedInAs("admin")) {
            browser.open("/console/operations.html");
            browser.waitForText(By.id("health"), "database: up");
            browser.waitForText(By.id("health"), "broker: up");
            browser.waitForText(By.id("health"), "cache: up");
            WebElement members = browser.find(By.id("members"));
            assertTrue(members.getText().contains("(this node)"), members.getText());
            browser.waitFor(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("queue-consumers"), "")));
            assertTrue(browser.find(By.cssSelector("#chart svg")).isDisplayed());
            browser.screenshot(SCREENSHOTS.resolve("console-operations.png"));
        }
    }

    @Test
    void theAuditTrailIsFilteredAndVerifiedInTheConsole() {
        String title = "Audited in the console " + uniqueWord();
        io.intrapoll.support.TestPolls.create(Api.as("author"), io.intrapoll.support.TestPolls.singleChoice(title));
        try (Browser browser = Browser.signedInAs("admin")) {
            browser.open("/console/audit.html");
            browser.find(By.id("actor")).sendKeys("author");
            new org.openqa.selenium.support.ui.Select(browser.find(By.id("action")))
                    .selectByVisibleText("poll.created");
            browser.find(By.cssSelector("#filters button[type=submit]")).click();
            browser.waitForText(By.id("entries"), title);
            browser.find(By.id("verify")).click();
            browser.waitForText(By.id("verdict"), "Intact");
            assertEquals("", browser.accessibilityViolations(), "axe-core on the audit trail");
        }
    }

    /** The action filter offers every action the trail records, and finds a webhook's registration, on any screen. */
    @Test
    void theAuditFilterOffersEveryActionOnEveryScreen() {
        Api.Reply webhook = admin.post(
                "/api/v1/admin/webhooks",
                "{\"url\": \"https://203.0.113.7/audited\", \"events\": [\"event.question.created\"]}");
        assertEquals(201, webhook.status(), webhook::toString);
        String webhookId = webhook.json().getString("id");
        try {
            for (var screen : List.of(
                    new org.openqa.selenium.Dimension(390, 844),
                    new org.openqa.selenium.Dimension(1366, 768),
                    new org.openqa.selenium.Dimension(1920, 1080))) {
                try (Browser browser = Browser.signedInAs(Api.itServer(), "admin", screen)) {
                    browser.open("/console/audit.html");
                    var action = new org.openqa.selenium.support.ui.Select(browser.find(By.id("action")));
                    assertEquals(
                            java.util.Arrays.stream(io.intrapoll.identity.AuditAction.values())
                                    .map(io.intrapoll.identity.AuditAction::label)
                                    .sorted()
                                    .toList(),
                            action.getOptions().stream()
                                    .map(option -> option.getText())
                                    .filter(text -> !text.equals("Any"))
                                    .sorted()
                                    .toList(),
                            "one option per action the trail records");
                    action.selectByVisibleText("webhook.created");
                    browser.find(By.cssSelector("#filters button[type=submit]")).click();
                    browser.waitForText(By.id("entries"), webhookId);
                    assertTrue(browser.horizontalOverflow() <= 0, "no sideways scrolling at " + screen);
                    browser.screenshot(
                            SCREENSHOTS.resolve("console-audit-" + screen.width + "x" + screen.height + ".png"));
                }
            }
        } finally {
            admin.delete("/api/v1/admin/webhooks/" + webhookId);
        }
    }

    @Test
    void theConsoleFitsATabletScreen() {
        JsonObject poll = io.intrapoll.support.TestPolls.create(
                admin,
                io.intrapoll.support.TestPolls.singleChoice("On a tablet").add("open", true));
        try (Browser tablet =
                Browser.signedInAs(Api.itServer(), "admin", new org.openqa.selenium.Dimension(768, 1024))) {
            for (String page : List.of(
                    "/console/",
                    "/console/poll.html",
                    "/console/poll.html?poll=" + poll.getString("id"),
                    "/console/operations.html",
                    "/console/audit.html")) {
                tablet.open(page);
                tablet.find(By.tagName("h1"));
                tablet.waitFor(
                        driver -> !driver.findElement(By.id("who")).getText().isEmpty());
                long overflow = tablet.horizontalOverflow();
                assertTrue(overflow <= 0, page + " scrolls sideways on a tablet by " + overflow + " px");
            }
        }
    }

    @Test
    void consolePagesHaveNoWcag21AaViolations() {
        Map<String, String> violations = new LinkedHashMap<>();
        JsonObject poll = io.intrapoll.support.TestPolls.create(
                admin,
                io.intrapoll.support.TestPolls.poll("Console a11y", "RANKED", "One", "Two", "Three")
                        .add("open", true));
        try (Browser browser = Browser.signedInAs("admin")) {
            browser.open("/console/");
            browser.find(By.cssSelector("#poll-rows tr"));
            violations.put("poll list", browser.accessibilityViolations());
            browser.open("/console/poll.html");
            browser.find(By.id("save")).click();
            browser.waitForText(By.id("message"), "shown next to the fields");
            violations.put("new poll with errors", browser.accessibilityViolations());
            browser.open("/console/poll.html?poll=" + poll.getString("id"));
            browser.waitForText(By.id("total"), "ballots");
            violations.put("open poll with results", browser.accessibilityViolations());
            browser.find(By.xpath("//div[@id='lifecycle']/button[text()='Close']"))
                    .click();
            browser.find(By.id("confirm-ok"));
            violations.put("confirmation dialog", browser.accessibilityViolations());
            browser.open("/console/operations.html");
            browser.waitForText(By.id("health"), "database");
            violations.put("operations", browser.accessibilityViolations());
        }
        try (Browser voter = Browser.signedInAs(Voters.fresh())) {
            voter.open("/console/");
            voter.waitForText(By.tagName("h1"), "You may not");
            violations.put("refusal page", voter.accessibilityViolations());
        }
        violations.values().removeIf(String::isEmpty);
        assertTrue(violations.isEmpty(), () -> "axe-core violations:\n" + violations);
    }
}
