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
            WebElement city = browser.find(By.cssSelector("#ranking li[data-label='City']"));
            city.sendKeys(Keys.ARROW_UP);
            browser.driver().switchTo().activeElement().sendKeys(Keys.ARROW_UP);
            browser.waitForText(By.id("ranking-status"), "City: position 1 of 3");
            // Lake, now second, goes below Mountains with its own button, reached by keyboard.
            WebElement lakeDown = browser.find(By.cssSelector("#ranking li[data-label='Lake'] button.down"));
            lakeDown.sendKeys(Keys.ENTER);
            List<String> shown = browser.findAll(By.cssSelector("#ranking li")).stream()
                    .map(item -> item.getAttribute("data-label"))
                    .toList();
            assertEquals(List.of("City", "Mountains", "Lake"), shown);

            browser.find(By.cssSelector("#ballot button[type=submit]")).sendKeys(Keys.ENTER);
            browser.waitForText(By.id("message"), "your vote is in");
        }
        JsonObject mine =
                Api.as(voter).get("/api/v1/polls/" + id + "/votes/mine").json();
        assertEquals(
                List.of(options[2], options[1], options[0]),
                mine.getJsonArray("optionIds").getValuesAs(jakarta.json.JsonString::getString),
                "the ranking as arranged by keyboard");
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
    void myPollsListsOpenPollsWithVotedMarksAndClosedOnes() {
        JsonObject open = create(
                author,
                singleChoice("Open " + io.intrapoll.support.TestPolls.uniqueWord())
                        .add("open", true));
        JsonObject closed = create(
                author,
                singleChoice("Closed " + io.intrapoll.support.TestPolls.uniqueWord())
                        .add("open", true));
        String voter = Voters.fresh();
        assertEquals(
                202,
                vote(Api.as(voter), open.getString("id"), optionIds(open)[1]).status());
        author.post("/api/v1/polls/" + closed.getString("id") + "/close");
        try (Browser browser = Browser.signedInAs(voter)) {
            browser.open("/app/");
            WebElement openItem =
                    browser.find(By.xpath("//ul[@id='open-polls']/li[h3[text()='" + open.getString("title") + "']]"));
            assertTrue(openItem.getText().contains("You voted"), openItem.getText());
            browser.find(By.xpath("//ul[@id='closed-polls']/li[h3[text()='" + closed.getString("title") + "']]"));
            assertEquals(voter, browser.find(By.id("who")).getText());
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
