package io.intrapoll.pages;

import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.Votes.awaitCounted;
import static io.intrapoll.support.Votes.optionIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Browser;
import io.intrapoll.support.Voters;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * RATING, NPS, OPEN_TEXT and QUIZ as people meet them in Chromium: voting each by thumb and keyboard, results moving
 * in another browser, the word cloud, moderation in the console, a quiz's answer and leaderboard after close, the
 * console's form for each type; axe-core on every new state; screenshots on a phone, a laptop and 1920x1080.
 */
class QuestionTypePagesIT extends AgainstTheServer {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("it.screenshots", "target/screenshots"));
    private static final List<Dimension> SCREENS =
            List.of(new Dimension(390, 844), new Dimension(1366, 768), new Dimension(1920, 1080));

    private final Api author = Api.as("author");

    private static JsonObjectBuilder typed(String title, String type) {
        return Json.createObjectBuilder().add("title", title).add("type", type).add("open", true);
    }

    private static String submit = "#ballot button[type=submit]";

    @Test
    void aRatingIsCastByTapAndByKeyboardAndItsResultsMoveElsewhere() {
        JsonObject poll = create(
                author,
                typed("How useful was the all-hands?", "RATING")
                        .add(
                                "scaleLabels",
                                Json.createObjectBuilder().add("min", "Useless").add("max", "Very useful")));
        String id = poll.getString("id");
        Map<String, String> violations = new LinkedHashMap<>();
        try (Browser watcher = Browser.signedInAs(Voters.fresh());
                Browser voter = Browser.signedInAs(Voters.fresh())) {
            watcher.open("/app/results.html?poll=" + id);
            watcher.waitForText(By.id("total"), "0 ballots");

            voter.open("/app/vote.html?poll=" + id);
            voter.find(By.cssSelector(submit)).click();
            voter.waitForText(By.id("ballot-error"), "Choose a number on the scale first");
            voter.find(By.xpath("//label[contains(@class,'scale-value')][normalize-space()='4']"))
                    .click();
            assertEquals(
                    "",
                    voter.driver().findElement(By.id("ballot-error")).getText(),
                    "the error clears once a value is chosen");
            violations.put("vote, rating", voter.accessibilityViolations());
            voter.find(By.cssSelector(submit)).click();
            voter.waitForText(By.id("message"), "your vote is in");

            watcher.waitForText(By.id("total"), "1 ballot");
            watcher.waitForText(By.id("mean"), "4");
            String four = watcher.find(By.cssSelector("#bars li[data-option-id='value-4'] .count"))
                    .getText();
            assertTrue(four.startsWith("1 vote"), four);
            assertTrue(watcher.find(By.cssSelector("#bars li[data-option-id='value-5'] .option"))
                    .getText()
                    .contains("Very useful"));
            violations.put("results, rating", watcher.accessibilityViolations());
        }
        String keyboard = Voters.fresh();
        try (Browser browser = Browser.signedInAs(keyboard)) {
            browser.open("/app/vote.html?poll=" + id);
            browser.find(By.cssSelector(".scale-value"));
            // The radio buttons are drawn by their labels: a keyboard user tabs to the group and moves along it.
            browser.driver()
                    .executeScript(
                            "arguments[0].focus()",
                            browser.driver().findElement(By.cssSelector("input[name=rating][value='1']")));
            new Actions(browser.driver())
                    .sendKeys(Keys.SPACE)
                    .sendKeys(Keys.ARROW_RIGHT)
                    .sendKeys(Keys.ARROW_RIGHT)
                    .perform();
            browser.find(By.cssSelector(submit)).sendKeys(Keys.ENTER);
            browser.waitForText(By.id("message"), "your vote is in");
        }
        assertEquals(
                3,
                Api.as(keyboard)
                        .get("/api/v1/polls/" + id + "/votes/mine")
                        .json()
                        .getInt("rating"));
        screenshots("rating", "/app/vote.html?poll=" + id, "/app/results.html?poll=" + id, "mean");
        assertNoViolations(violations);
    }

    @Test
    void npsShowsItsScoreAndSplitOnThePresenterView() {
        JsonObject poll = create(author, typed("How likely are you to recommend Intrapoll?", "NPS"));
        String id = poll.getString("id");
        for (int rating : new int[] {10, 9, 7}) {
            assertEquals(
                    202,
                    Api.as(Voters.fresh())
                            .post("/api/v1/polls/" + id + "/votes", "{\"rating\": " + rating + "}")
                            .status());
        }
        awaitCounted(author, id, 3);
        Map<String, String> violations = new LinkedHashMap<>();
        try (Browser browser = Browser.signedInAs(Voters.fresh())) {
            browser.open("/app/present.html?poll=" + id);
            browser.waitForText(By.id("nps-score"), "+67");
            try (Browser voter = Browser.signedInAs(Api.itServer(), Voters.fresh(), Browser.PHONE)) {
                voter.open("/app/vote.html?poll=" + id);
                voter.find(By.cssSelector(".scale-value"));
                assertEquals(11, voter.findAll(By.cssSelector(".scale-value")).size());
                assertTrue(voter.horizontalOverflow() <= 0, "0 to 10 fit a phone's width");
                violations.put("vote, NPS", voter.accessibilityViolations());
                voter.find(By.xpath("//label[contains(@class,'scale-value')][normalize-space()='3']"))
                        .click();
                voter.find(By.cssSelector(submit)).click();
                voter.waitForText(By.id("message"), "your vote is in");
            }
            browser.waitForText(By.id("nps-score"), "+25");
            assertTrue(browser.find(By.id("summary")).getText().contains("2 promoters"));
            violations.put("presenter view, NPS", browser.accessibilityViolations());
        }
        screenshots("nps", "/app/vote.html?poll=" + id, "/app/present.html?poll=" + id, "nps-score");
        assertNoViolations(violations);
    }

    @Test
    void openTextCountsCharactersDrawsTheCloudAndAHiddenAnswerLeavesIt() {
        JsonObject poll =
                create(author, typed("What should we keep doing?", "OPEN_TEXT").add("maxLength", 60));
        String id = poll.getString("id");
        for (String answer : List.of("Friday demos", "Demos and pairing", "Pairing on Fridays")) {
            assertEquals(
                    202,
                    Api.as(Voters.fresh())
                            .post(
                                    "/api/v1/polls/" + id + "/votes",
                                    Json.createObjectBuilder()
                                            .add("text", answer)
                                            .build()
                                            .toString())
                            .status());
        }
        Map<String, String> violations = new LinkedHashMap<>();
        try (Browser watcher = Browser.signedInAs(Voters.fresh());
                Browser voter = Browser.signedInAs(Voters.fresh())) {
            watcher.open("/app/results.html?poll=" + id);
            watcher.waitForText(By.id("total"), "3 ballots");
            watcher.waitFor(
                    ExpectedConditions.presenceOfElementLocated(By.xpath("//*[@id='cloud']//*[text()='demos']")));
            violations.put("results, word cloud", watcher.accessibilityViolations());

            voter.open("/app/vote.html?poll=" + id);
            voter.find(By.id("answer")).sendKeys("Lunch talks");
            voter.waitForText(By.id("text-counter"), "11 of 60 characters");
            violations.put("vote, open text", voter.accessibilityViolations());
            voter.find(By.cssSelector(submit)).click();
            voter.waitForText(By.id("message"), "your vote is in");
            watcher.waitFor(
                    ExpectedConditions.presenceOfElementLocated(By.xpath("//*[@id='cloud']//*[text()='talks']")));

            try (Browser console = Browser.signedInAs("author")) {
                console.open("/console/poll.html?poll=" + id);
                console.waitForText(By.id("responses"), "Lunch talks");
                violations.put("console, answers", console.accessibilityViolations());
                console.find(By.xpath("//li[contains(@class,'response')][.//p[text()='Lunch talks']]//button"))
                        .click();
                console.waitForText(By.id("responses-message"), "hidden");
            }
            watcher.waitFor(ExpectedConditions.invisibilityOfElementLocated(
                    By.xpath("//*[@id='cloud']//*[name()='text' and text()='talks']")));
            assertFalse(watcher.find(By.cssSelector("#cloud ol")).getText().contains("talks"));
        }
        screenshots("open-text", "/app/vote.html?poll=" + id, "/app/results.html?poll=" + id, "cloud");
        assertNoViolations(violations);
    }

    @Test
    void aQuizCountsDownThenRevealsItsAnswerAndLeaderboard() {
        JsonObject quiz = create(
                author,
                typed("Which planet is largest?", "QUIZ")
                        .add("timeLimitSeconds", 120)
                        .add(
                                "options",
                                Json.createArrayBuilder()
                                        .add(Json.createObjectBuilder()
                                                .add("label", "Jupiter")
                                                .add("correct", true))
                                        .add(Json.createObjectBuilder()
                                                .add("label", "Saturn")
                                                .add("correct", false))
                                        .add(Json.createObjectBuilder()
                                                .add("label", "Neptune")
                                                .add("correct", false))));
        String id = quiz.getString("id");
        String player = Voters.fresh();
        Map<String, String> violations = new LinkedHashMap<>();
        try (Browser browser = Browser.signedInAs(player)) {
            browser.open("/app/vote.html?poll=" + id);
            browser.waitForText(By.id("countdown"), "s left");
            violations.put("vote, quiz with countdown", browser.accessibilityViolations());
            browser.find(By.xpath("//label[normalize-space()='Jupiter']/input")).click();
            browser.find(By.cssSelector(submit)).click();
            browser.waitForText(By.id("message"), "your vote is in");
        }
        assertEquals(
                202,
                io.intrapoll.support.Votes.vote(Api.as(Voters.fresh()), id, optionIds(quiz)[1])
                        .status());
        awaitCounted(author, id, 2);
        assertEquals(200, author.post("/api/v1/polls/" + id + "/close").status());
        try (Browser browser = Browser.signedInAs(player)) {
            browser.open("/app/results.html?poll=" + id);
            browser.waitForText(By.cssSelector("#bars li.correct"), "Jupiter");
            browser.waitForText(By.id("leaderboard"), player);
            browser.waitForText(By.id("my-place"), "Your place: 1");
            violations.put("results, quiz closed with leaderboard", browser.accessibilityViolations());
        }
        screenshots("quiz", "/app/vote.html?poll=" + id, "/app/results.html?poll=" + id, "leaderboard");
        assertNoViolations(violations);
    }

    @Test
    void theConsoleCreatesEachTypeWithItsFields() {
        Map<String, String> violations = new LinkedHashMap<>();
        try (Browser console = Browser.signedInAs("author")) {
            console.open("/console/poll.html");
            console.find(By.id("f-title")).sendKeys("Rate the new canteen");
            new org.openqa.selenium.support.ui.Select(console.find(By.id("f-type"))).selectByValue("RATING");
            assertFalse(
                    console.driver().findElement(By.id("options-fieldset")).isDisplayed(), "a rating has no options");
            new org.openqa.selenium.support.ui.Select(console.find(By.id("f-scaleMin"))).selectByValue("0");
            console.find(By.id("f-scaleMax")).clear();
            console.find(By.id("f-scaleMax")).sendKeys("10");
            console.find(By.id("f-scaleLabelMax")).sendKeys("Excellent");
            violations.put("console form, rating", console.accessibilityViolations());
            console.screenshot(SCREENSHOTS.resolve("types-console-rating.png"));
            console.find(By.id("save")).click();
            console.waitFor(ExpectedConditions.urlContains("created"));
            String ratingId = console.currentUrl().replaceAll(".*poll=([^&]+).*", "$1");
            JsonObject rating = author.get("/api/v1/polls/" + ratingId).json();
            assertEquals("RATING", rating.getString("type"));
            assertEquals(0, rating.getJsonObject("scale").getInt("min"));
            assertEquals(10, rating.getJsonObject("scale").getInt("max"));
            assertEquals("Excellent", rating.getJsonObject("scaleLabels").getString("max"));

            console.open("/console/poll.html");
            console.find(By.id("f-title")).sendKeys("Capital of Australia?");
            new org.openqa.selenium.support.ui.Select(console.find(By.id("f-type"))).selectByValue("QUIZ");
            console.find(By.id("f-options-0")).sendKeys("Canberra");
            console.find(By.id("f-options-1")).sendKeys("Sydney");
            console.find(By.cssSelector("#options-list li:first-child input.correct"))
                    .click();
            console.find(By.id("f-timeLimitSeconds")).sendKeys("30");
            violations.put("console form, quiz", console.accessibilityViolations());
            console.screenshot(SCREENSHOTS.resolve("types-console-quiz.png"));
            console.find(By.id("save")).click();
            console.waitFor(ExpectedConditions.urlContains("created"));
            String quizId = console.currentUrl().replaceAll(".*poll=([^&]+).*", "$1");
            JsonObject quiz = author.get("/api/v1/polls/" + quizId).json();
            assertEquals(30, quiz.getInt("timeLimitSeconds"));
            assertTrue(quiz.getJsonArray("options").getJsonObject(0).getBoolean("correct"));
            assertFalse(quiz.getJsonArray("options").getJsonObject(1).getBoolean("correct"));

            console.open("/console/poll.html");
            console.find(By.id("f-title")).sendKeys("One word for this quarter?");
            new org.openqa.selenium.support.ui.Select(console.find(By.id("f-type"))).selectByValue("OPEN_TEXT");
            new org.openqa.selenium.support.ui.Select(console.find(By.id("f-language"))).selectByValue("de");
            console.find(By.id("f-maxLength")).clear();
            console.find(By.id("f-maxLength")).sendKeys("900");
            console.find(By.id("save")).click();
            console.waitForText(By.id("e-maxLength"), "Must be 1 to 500");
            console.find(By.id("f-maxLength")).clear();
            console.find(By.id("f-maxLength")).sendKeys("40");
            console.find(By.id("save")).click();
            console.waitFor(ExpectedConditions.urlContains("created"));
            String textId = console.currentUrl().replaceAll(".*poll=([^&]+).*", "$1");
            JsonObject text = author.get("/api/v1/polls/" + textId).json();
            assertEquals("de", text.getString("language"));
            assertEquals(40, text.getInt("maxLength"));
        }
        assertNoViolations(violations);
    }

    /** The vote page and the results view of a poll on a phone, a laptop and a 1920x1080 screen. */
    private static void screenshots(String name, String votePage, String resultsPage, String resultsReady) {
        // One browser, resized: a browser's start and sign-in cost more than the pages.
        try (Browser browser = Browser.signedInAs(Api.itServer(), Voters.fresh(), SCREENS.get(0))) {
            for (Dimension screen : SCREENS) {
                browser.driver().manage().window().setSize(screen);
                browser.open(votePage);
                browser.find(By.cssSelector("#ballot form, #ballot p"));
                String size = screen.getWidth() + "x" + screen.getHeight();
                browser.screenshot(SCREENSHOTS.resolve("types-" + name + "-vote-" + size + ".png"));
                assertTrue(browser.horizontalOverflow() <= 0, name + " vote page scrolls sideways at " + size);
                browser.open(resultsPage);
                browser.find(By.id(resultsReady));
                browser.waitFor(
                        driver -> !driver.findElement(By.id("total")).getText().isBlank());
                browser.screenshot(SCREENSHOTS.resolve("types-" + name + "-results-" + size + ".png"));
                assertTrue(browser.horizontalOverflow() <= 0, name + " results scroll sideways at " + size);
            }
        }
    }

    private static void assertNoViolations(Map<String, String> violations) {
        violations.values().removeIf(String::isEmpty);
        assertTrue(violations.isEmpty(), () -> "WCAG 2.1 A/AA violations: " + violations);
    }
}
