package io.intrapoll.pages;

import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.poll;
import static io.intrapoll.support.TestPolls.singleChoice;
import static io.intrapoll.support.Votes.optionIds;
import static io.intrapoll.support.Votes.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Browser;
import io.intrapoll.support.Voters;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The voter's pages in a real headless Chromium, signed in through the login page. */
class VoterPagesIT extends AgainstTheServer {

    private final Api author = Api.as("author");

    @Test
    void aVoteInOneBrowserMovesTheResultsInAnotherWithoutReload() {
        JsonObject poll = create(author, singleChoice("Lunch on Friday?").add("open", true));
        String id = poll.getString("id");
        try (Browser watcher = Browser.signedInAs(Voters.fresh());
                Browser voter = Browser.signedInAs(Voters.fresh())) {
            watcher.open("/app/results.html?poll=" + id);
            watcher.waitForText(By.id("total"), "0 ballots");

            voter.open("/app/vote.html?poll=" + id);
            voter.find(By.xpath("//label[normalize-space()='No']/input")).click();
            voter.find(By.cssSelector("#ballot button[type=submit]")).click();
            WebElement confirmation = voter.waitForText(By.id("message"), "your vote is in");
            assertFalse(voter.find(By.id("receipt-id")).getText().isBlank(), "the receipt is shown");
            assertTrue(confirmation.getText().contains("Receipt"), confirmation.getText());

            // The voter's page shows the live results at once.
            voter.waitForText(By.cssSelector("#poll-results #total"), "1 ballot");
            watcher.waitForText(By.id("total"), "1 ballot");
            String no = watcher.find(By.xpath(
                            "//ul[@id='bars']/li[.//span[@class='option' and text()='No']]//span[@class='count']"))
                    .getText();
            assertTrue(no.startsWith("1 vote"), no);
            assertTrue(watcher.currentUrl().endsWith("/app/results.html?poll=" + id), "no reload, no navigation");
        }
    }

    @Test
    void rankedBallotIsOrderedByKeyboard() {
        JsonObject poll = create(
                author,
                poll("Offsite venue", "RANKED", "Lake", "Mountains", "City").add("open", true));
        String id = poll.getString("id");
        String[] options = optionIds(poll);
        String voter = Voters.fresh();
        try (Browser browser = Browser.signedInAs(voter)) {
            browser.open("/app/vote.html?poll=" + id);
            browser.find(By.id("unranked"));
            assertTrue(browser.findAll(By.cssSelector("#ranking li")).isEmpty(), "the ballot starts unranked");
            // Nothing ranked: the ballot says so rather than sending one.
            browser.find(By.cssSelector("#ballot button[type=submit]")).click();
            browser.waitForText(By.id("ballot-error"), "Rank at least one option");
            // Tapped in the order of preference: Lake, then City, then Mountains.
            browser.find(By.cssSelector("#unranked li[data-option-id='" + options[0] + "'] button"))
                    .click();
            browser.waitFor(driver ->
                    driver.findElement(By.id("ballot-error")).getText().isEmpty());
            browser.find(By.cssSelector("#unranked li[data-option-id='" + options[2] + "'] button"))
                    .sendKeys(Keys.ENTER);
            browser.waitForText(By.id("ranking-status"), "City: place 2");
            browser.find(By.cssSelector("#unranked li[data-option-id='" + options[1] + "'] button"))
                    .click();
            // City goes first with the arrow key; Lake, now second, goes last with its own button by keyboard.
            WebElement city = browser.find(By.cssSelector("#ranking li[data-label='City']"));
            city.sendKeys(Keys.ARROW_UP);
            browser.waitForText(By.id("ranking-status"), "City: place 1 of 3");
            browser.find(By.cssSelector("#ranking li[data-label='Lake'] button.down"))
                    .sendKeys(Keys.ENTER);
            assertEquals(List.of("City", "Mountains", "Lake"), ranking(browser));
            // Mountains leaves the ranking: a partial ranking is a ballot too.
            browser.find(By.cssSelector("#ranking li[data-label='Mountains'] button.remove"))
                    .click();
            assertEquals(List.of("City", "Lake"), ranking(browser));

            browser.find(By.cssSelector("#ballot button[type=submit]")).sendKeys(Keys.ENTER);
            browser.waitForText(By.id("message"), "your vote is in");
            browser.waitForText(By.id("my-choice"), "1. City, 2. Lake");
        }
        JsonObject mine =
                Api.as(voter).get("/api/v1/polls/" + id + "/votes/mine").json();
        assertEquals(
                List.of(options[2], options[0]),
                mine.getJsonArray("optionIds").getValuesAs(jakarta.json.JsonString::getString),
                "the ranking as arranged, Mountains left out");
    }

    private static List<String> ranking(Browser browser) {
        return browser.findAll(By.cssSelector("#ranking li")).stream()
                .map(item -> item.getAttribute("data-label"))
                .toList();
    }

    @Test
    void multipleChoiceStopsAtMaxChoices() {
        JsonObject poll = create(
                author,
                poll("Team activities", "MULTIPLE", "Bowling", "Karaoke", "Hiking", "Cooking")
                        .add("maxChoices", 2)
                        .add("open", true));
        String voter = Voters.fresh();
        try (Browser browser = Browser.signedInAs(voter)) {
            browser.open("/app/vote.html?poll=" + poll.getString("id"));
            browser.find(By.xpath("//label[normalize-space()='Bowling']/input")).click();
            browser.find(By.xpath("//label[normalize-space()='Hiking']/input")).click();
            assertFalse(browser.find(By.xpath("//label[normalize-space()='Karaoke']/input"))
                    .isEnabled());
            browser.waitForText(By.id("choice-hint"), "Choose up to 2. 2 chosen.");
            browser.find(By.cssSelector("#ballot button[type=submit]")).click();
            browser.waitForText(By.id("message"), "your vote is in");
        }
        assertEquals(
                200,
                Api.as(voter)
                        .get("/api/v1/polls/" + poll.getString("id") + "/votes/mine")
                        .status());
    }

    @Test
    void alreadyVotedAndClosedPollsSayWhy() {
        JsonObject poll = create(author, singleChoice("Keep the Friday demo?").add("open", true));
        String id = poll.getString("id");
        String voter = Voters.fresh();
        assertEquals(202, vote(Api.as(voter), id, optionIds(poll)[0]).status());
        try (Browser browser = Browser.signedInAs(voter)) {
            browser.open("/app/vote.html?poll=" + id);
            browser.waitForText(By.id("message"), "You have already voted in this poll");
            assertTrue(browser.findAll(By.cssSelector("#ballot form")).isEmpty(), "no second ballot form");

            author.post("/api/v1/polls/" + id + "/close");
            browser.open("/app/vote.html?poll=" + id);
            browser.waitForText(By.id("message"), "This poll is closed");
        }
    }

    @Test
    void aStaleTabShowsTheVoteCastElsewhereInsteadOfAnError() {
        JsonObject poll = create(author, singleChoice("Team lunch place").add("open", true));
        String id = poll.getString("id");
        String voter = Voters.fresh();
        try (Browser browser = Browser.signedInAs(voter)) {
            browser.open("/app/vote.html?poll=" + id);
            browser.find(By.xpath("//label[normalize-space()='Yes']/input")).click();
            // Meanwhile the same person votes No from another tab.
            assertEquals(202, vote(Api.as(voter), id, optionIds(poll)[1]).status());
            browser.find(By.cssSelector("#ballot button[type=submit]")).click();
            browser.waitForText(By.id("message"), "You have already voted in this poll");
            browser.waitForText(By.id("my-choice"), "No");
            assertTrue(browser.findAll(By.cssSelector("#ballot form")).isEmpty(), "no ballot form left");
        }
    }

    @Test
    void presenterViewSortsTheBarsMarksTheLeaderAndExplainsShares() {
        JsonObject multiple = create(
                author,
                poll("Snacks for the offsite", "MULTIPLE", "Apples", "Brownies", "Crisps")
                        .add("maxChoices", 2)
                        .add("open", true));
        String[] snacks = optionIds(multiple);
        vote(Api.as(Voters.fresh()), multiple.getString("id"), snacks[2]);
        vote(Api.as(Voters.fresh()), multiple.getString("id"), snacks[1], snacks[2]);
        vote(Api.as(Voters.fresh()), multiple.getString("id"), snacks[2]);
        JsonObject ranked = create(
                author, poll("Offsite month", "RANKED", "May", "June", "July").add("open", true));
        String[] months = optionIds(ranked);
        // First preferences May 2, June 2, July 1: July drops out and its ballot goes to June, 3 of 5.
        vote(Api.as(Voters.fresh()), ranked.getString("id"), months[0]);
        vote(Api.as(Voters.fresh()), ranked.getString("id"), months[0]);
        vote(Api.as(Voters.fresh()), ranked.getString("id"), months[1]);
        vote(Api.as(Voters.fresh()), ranked.getString("id"), months[1]);
        vote(Api.as(Voters.fresh()), ranked.getString("id"), months[2], months[1]);
        author.post("/api/v1/polls/" + ranked.getString("id") + "/close");
        try (Browser presenter = Browser.signedInAs("author")) {
            presenter.open("/app/present.html?poll=" + multiple.getString("id"));
            presenter.waitForText(By.id("total"), "3 ballots");
            assertEquals(
                    List.of("Crisps", "Brownies", "Apples"),
                    presenter.findAll(By.cssSelector("#bars li")).stream()
                            .map(item -> item.findElement(By.cssSelector(".option"))
                                    .getText()
                                    .split(" ")[0])
                            .toList(),
                    "most votes first");
            WebElement leader = presenter.find(By.cssSelector("#bars li.leader"));
            assertTrue(leader.getText().contains("leading"), leader.getText());
            presenter.waitForText(By.id("results-note"), "add up to more than 100%");

            // Ranked, closed: the run-off's winner and its rounds on screen. June wins once July drops out.
            presenter.open("/app/present.html?poll=" + ranked.getString("id"));
            presenter.waitForText(By.id("runoff-winner"), "Winner: June after 2 rounds");
            assertTrue(presenter.find(By.id("rounds")).isDisplayed(), "the rounds are shown");
            WebElement winner = presenter.find(By.cssSelector("#bars li.leader"));
            assertTrue(winner.getText().startsWith("June"), winner.getText());
        }
    }

    @Test
    void unknownPollsShowNoDeadLinksOrQrCode() {
        String unknown = "00000000-0000-0000-0000-000000000000";
        try (Browser browser = Browser.signedInAs(Voters.fresh())) {
            for (String page : List.of("vote", "results", "present")) {
                browser.open("/app/" + page + ".html?poll=" + unknown);
                browser.waitForText(By.id("message"), "no");
                List<String> links = browser.findAll(By.cssSelector("main a")).stream()
                        .filter(WebElement::isDisplayed)
                        .map(link -> link.getAttribute("href"))
                        .toList();
                assertTrue(
                        links.stream().allMatch(href -> href.endsWith("/app/")),
                        page + ": only a way back to my polls, not " + links);
                assertTrue(
                        browser.findAll(By.id("qr")).stream().noneMatch(WebElement::isDisplayed),
                        page + ": no QR code");
            }
        }
    }

    @Test
    void myPollsListsOpenPollsWithVotedMarksAndClosedOnes() {
        String word = io.intrapoll.support.TestPolls.uniqueWord();
        JsonObject open = create(author, singleChoice("Open " + word).add("open", true));
        JsonObject closed = create(author, singleChoice("Closed " + word).add("open", true));
        String voter = Voters.fresh();
        assertEquals(
                202,
                vote(Api.as(voter), open.getString("id"), optionIds(open)[1]).status());
        author.post("/api/v1/polls/" + closed.getString("id") + "/close");
        try (Browser browser = Browser.signedInAs(voter)) {
            browser.open("/app/?q=" + word);
            WebElement openItem = browser.find(
                    By.xpath("//ul[@id='open-polls']/li[.//h3[text()='" + open.getString("title") + "']]"));
            assertTrue(openItem.getText().contains("You voted"), openItem.getText());
            assertTrue(openItem.getText().contains("See my vote"), openItem.getText());
            browser.find(By.xpath("//ul[@id='closed-polls']/li[.//h3[text()='" + closed.getString("title") + "']]"));
            assertEquals(voter, browser.find(By.id("who")).getText());
        }
    }

    @Test
    void myPollsPagesThroughManyPollsAskingOnceWhetherTheCallerVoted() {
        String word = io.intrapoll.support.TestPolls.uniqueWord();
        String voter = Voters.fresh();
        JsonObject last = null;
        for (int i = 1; i <= 25; i++) {
            last = create(author, singleChoice("Many " + word + " " + i).add("open", true));
        }
        assertEquals(
                202,
                vote(Api.as(voter), last.getString("id"), optionIds(last)[0]).status());
        try (Browser browser = Browser.signedInAs(voter)) {
            browser.open("/app/?q=" + word);
            browser.waitForText(By.id("open-count"), "(25)");
            browser.waitFor(driver -> driver.findElements(By.cssSelector("#open-polls li.poll-row"))
                            .size()
                    == 20);
            WebElement more = browser.find(By.id("open-more"));
            assertTrue(more.getText().contains("5 left"), more.getText());
            more.click();
            browser.waitFor(driver -> driver.findElements(By.cssSelector("#open-polls li.poll-row"))
                            .size()
                    == 25);
            WebElement voted = browser.find(
                    By.xpath("//ul[@id='open-polls']/li[.//h3[text()='" + last.getString("title") + "']]"));
            assertTrue(voted.getText().contains("You voted"), voted.getText());
            assertEquals(
                    1,
                    browser.findAll(By.cssSelector("#open-polls .badge.voted")).size(),
                    "only the poll voted in is marked");
            Object perPoll = browser.driver()
                    .executeScript("return performance.getEntriesByType('resource')"
                            + ".filter(e => /\\/polls\\/[^/?]+\\/votes\\/mine/.test(e.name)).length;");
            assertEquals(0L, perPoll, "no 'did I vote' request per poll");
            Object bulk = browser.driver()
                    .executeScript("return performance.getEntriesByType('resource')"
                            + ".filter(e => e.name.includes('/api/v1/votes/mine?')).length;");
            assertEquals(2L, bulk, "one request per page of the list");
        }
    }

    @Test
    void pagesAskForLoginAndComeBackAfterIt() {
        JsonObject poll = create(author, singleChoice("Sign-in detour").add("open", true));
        String voter = Voters.fresh();
        try (Browser browser = Browser.anonymous()) {
            browser.open("/app/vote.html?poll=" + poll.getString("id"));
            browser.waitFor(ExpectedConditions.urlContains("/login.html"));
            browser.signIn(voter, "wrong");
            browser.waitFor(ExpectedConditions.urlContains("error=invalid"));
            browser.waitForText(By.id("message"), "not right");
            assertEquals(
                    voter,
                    browser.find(By.id("username")).getAttribute("value"),
                    "the user name survives a wrong password");
            browser.find(By.id("password")).sendKeys(voter);
            browser.find(By.cssSelector("form button[type=submit]")).click();
            browser.waitFor(ExpectedConditions.urlContains("/app/vote.html?poll=" + poll.getString("id")));
            browser.find(By.cssSelector("#ballot form"));

            browser.find(By.cssSelector("header form button")).click();
            browser.waitFor(ExpectedConditions.urlContains("signedOut"));
            browser.waitForText(By.id("message"), "You are signed out");
            browser.open("/app/");
            browser.waitFor(ExpectedConditions.urlContains("/login.html"));
        }
    }
}
