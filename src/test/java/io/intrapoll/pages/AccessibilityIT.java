package io.intrapoll.pages;

import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.poll;
import static io.intrapoll.support.TestPolls.singleChoice;
import static io.intrapoll.support.Votes.optionIds;
import static io.intrapoll.support.Votes.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Browser;
import io.intrapoll.support.Voters;
import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Every voter page, in every state a voter meets, against axe-core's WCAG 2.1 A and AA rules; and on a phone. */
class AccessibilityIT extends AgainstTheServer {

    private final Api author = Api.as("author");

    @Test
    void everyPageHasNoWcag21AaViolations() {
        JsonObject single = create(author, singleChoice("Accessible single").add("open", true));
        JsonObject multiple = create(
                author,
                poll("Accessible multiple", "MULTIPLE", "Red", "Green", "Blue")
                        .add("maxChoices", 2)
                        .add("open", true));
        JsonObject ranked = create(
                author, poll("Accessible ranked", "RANKED", "A", "B", "C").add("open", true));
        vote(Api.as(Voters.fresh()), ranked.getString("id"), optionIds(ranked)[1], optionIds(ranked)[0]);
        vote(Api.as(Voters.fresh()), ranked.getString("id"), optionIds(ranked)[2]);

        Map<String, String> violations = new LinkedHashMap<>();
        try (Browser anonymous = Browser.anonymous()) {
            anonymous.open("/login.html?error=invalid");
            anonymous.waitForText(By.id("message"), "not right");
            violations.put("login page with an error", anonymous.accessibilityViolations());
        }
        try (Browser browser = Browser.signedInAs(Voters.fresh())) {
            browser.open("/app/");
            browser.waitFor(driver ->
                    "false".equals(driver.findElement(By.id("open-polls")).getAttribute("aria-busy")));
            violations.put("my polls", browser.accessibilityViolations());

            browser.open("/app/vote.html?poll=" + single.getString("id"));
            browser.find(By.cssSelector("#ballot form"));
            violations.put("vote, single", browser.accessibilityViolations());
            browser.find(By.xpath("//label[normalize-space()='Yes']/input")).click();
            browser.find(By.cssSelector("#ballot button[type=submit]")).click();
            browser.waitForText(By.id("message"), "your vote is in");
            violations.put("vote confirmation", browser.accessibilityViolations());
            browser.open("/app/vote.html?poll=" + single.getString("id"));
            browser.waitForText(By.id("message"), "already voted");
            violations.put("vote, already voted", browser.accessibilityViolations());

            browser.open("/app/vote.html?poll=" + multiple.getString("id"));
            browser.find(By.xpath("//label[normalize-space()='Red']/input")).click();
            browser.find(By.xpath("//label[normalize-space()='Blue']/input")).click();
            violations.put("vote, multiple at its limit", browser.accessibilityViolations());

            browser.open("/app/vote.html?poll=" + ranked.getString("id"));
            browser.find(By.id("unranked"));
            violations.put("vote, ranked, nothing ranked yet", browser.accessibilityViolations());
            browser.find(By.cssSelector("#unranked li button")).click();
            browser.find(By.cssSelector("#ranking li"));
            violations.put("vote, ranked, partly ranked", browser.accessibilityViolations());

            browser.open("/app/results.html?poll=" + ranked.getString("id"));
            browser.waitForText(By.id("total"), "ballot");
            browser.find(By.cssSelector("#table-fallback summary")).click();
            violations.put("results with rounds and table", browser.accessibilityViolations());

            browser.open("/app/present.html?poll=" + single.getString("id"));
            browser.waitForText(By.id("total"), "1 ballot");
            violations.put("presenter view", browser.accessibilityViolations());

            browser.open("/app/vote.html?poll=00000000-0000-0000-0000-000000000000");
            browser.waitForText(By.id("message"), "no such poll");
            violations.put("vote, unknown poll", browser.accessibilityViolations());
        }
        violations.values().removeIf(String::isEmpty);
        assertTrue(violations.isEmpty(), () -> "axe-core violations:\n" + violations);
    }

    @Test
    void pagesFitAPhoneScreen() {
        JsonObject poll = create(
                author,
                poll("On the phone", "RANKED", "Option with a rather long label", "Short", "Medium label")
                        .add("open", true));
        String id = poll.getString("id");
        try (Browser phone = Browser.signedInAs(Api.itServer(), Voters.fresh(), Browser.PHONE)) {
            for (String page : new String[] {
                "/app/", "/app/vote.html?poll=" + id, "/app/results.html?poll=" + id, "/app/present.html?poll=" + id
            }) {
                phone.open(page);
                phone.find(By.tagName("h1"));
                long overflow = phone.horizontalOverflow();
                assertTrue(overflow <= 0, page + " scrolls sideways on a phone by " + overflow + " px");
            }
            phone.open("/app/vote.html?poll=" + id);
            phone.find(By.cssSelector("#unranked li button")).click(); // a ranked ballot starts unranked
            phone.find(By.cssSelector("#ballot button[type=submit]")).click();
            phone.waitForText(By.id("message"), "your vote is in");
            assertEquals("", phone.accessibilityViolations(), "the confirmation on a phone");
        }
    }
}
