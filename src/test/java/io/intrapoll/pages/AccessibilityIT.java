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
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Every voter page, in every state a voter meets, against axe-core's WCAG 2.1 A and AA rules, in English, German and
 * French; and on a phone.
 */
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

    /**
     * The voter pages in German (chosen with the header's switcher) and French (the browser's own language): every
     * text from the language's bundle (no key shows instead of a message), axe-core's rules on each page in every
     * state a voter meets, and no page wider than a phone (German words are long).
     */
    @Test
    void germanChosenWithTheSwitcher() throws Exception {
        pagesIn("de", "en-US", "Meine Umfragen", "Danke", "Stimmzettel");
    }

    @Test
    void frenchFromTheBrowsersLanguage() throws Exception {
        pagesIn("fr", "fr-FR", "Mes sondages", "Merci", "bulletin");
    }

    private void pagesIn(String language, String browserLanguage, String myPolls, String thanks, String ballots)
            throws Exception {
        JsonObject single = create(author, singleChoice("Sprachen " + language).add("open", true));
        JsonObject ranked = create(
                author, poll("Rangfolge " + language, "RANKED", "A", "B", "C").add("open", true));
        vote(Api.as(Voters.fresh()), ranked.getString("id"), optionIds(ranked)[1], optionIds(ranked)[0]);
        Api.Reply event = author.post("/api/v1/events", "{\"title\": \"Betriebsversammlung " + language + "\"}");
        assertEquals(201, event.status(), event::toString);
        Set<String> keys;
        try (var in = Files.newBufferedReader(Path.of("src/main/webapp/assets/i18n/en.json"))) {
            keys = Json.createReader(in).readObject().keySet();
        }

        Map<String, String> violations = new LinkedHashMap<>();
        try (Browser browser = Browser.speaking(browserLanguage, Voters.fresh())) {
            browser.open("/app/");
            if (!language.equals(browserLanguage.substring(0, 2))) { // the switcher, which the browser keeps
                browser.find(By.id("language-" + language)).click();
                browser.waitFor(driver ->
                        language.equals(driver.findElement(By.tagName("html")).getAttribute("lang")));
            }
            browser.waitForText(By.tagName("h1"), myPolls);
            browser.waitFor(driver ->
                    "false".equals(driver.findElement(By.id("open-polls")).getAttribute("aria-busy")));
            check(browser, language, "my polls", keys, violations);

            browser.open("/app/vote.html?poll=" + single.getString("id"));
            browser.find(By.cssSelector("#ballot form input")).click();
            check(browser, language, "vote", keys, violations);
            browser.find(By.cssSelector("#ballot button[type=submit]")).click();
            browser.waitForText(By.id("message"), thanks);
            check(browser, language, "vote confirmation", keys, violations);

            browser.open("/app/vote.html?poll=" + ranked.getString("id"));
            browser.find(By.cssSelector("#unranked li button")).click();
            browser.find(By.cssSelector("#ranking li"));
            check(browser, language, "vote, ranked", keys, violations);

            browser.open("/app/results.html?poll=" + ranked.getString("id"));
            browser.waitForText(By.id("total"), ballots);
            browser.find(By.cssSelector("#table-fallback summary")).click();
            check(browser, language, "results with rounds and table", keys, violations);

            browser.open("/app/present.html?poll=" + single.getString("id"));
            browser.waitForText(By.id("total"), ballots);
            check(browser, language, "presenter view", keys, violations);

            browser.open("/app/event.html?code=" + event.json().getString("code"));
            browser.waitFor(driver -> driver.findElement(By.id("qa-section")).isDisplayed());
            check(browser, language, "event", keys, violations);

            browser.open("/console/");
            browser.find(By.cssSelector("h1[data-i18n]"));
            check(browser, language, "console refused", keys, violations);

            browser.driver().manage().window().setSize(Browser.PHONE);
            for (String page : new String[] {"/app/", "/app/vote.html?poll=" + ranked.getString("id")}) {
                browser.open(page);
                browser.find(By.tagName("h1"));
                assertTrue(
                        browser.horizontalOverflow() <= 0, page + " in " + language + " scrolls sideways on a phone");
            }
        }
        violations.values().removeIf(String::isEmpty);
        assertTrue(violations.isEmpty(), () -> "axe-core violations or untranslated text:\n" + violations);
    }

    /** The console in German and French: each of its pages, an open poll's page with its results and a new one's form. */
    @Test
    void consoleInGermanAndFrench() throws Exception {
        JsonObject open = create(author, singleChoice("Konsole").add("open", true));
        vote(Api.as(Voters.fresh()), open.getString("id"), optionIds(open)[0]);
        Set<String> keys;
        try (var in = Files.newBufferedReader(Path.of("src/main/webapp/assets/i18n/en.json"))) {
            keys = Json.createReader(in).readObject().keySet();
        }
        Map<String, String> violations = new LinkedHashMap<>();
        for (String[] language : new String[][] {{"de", "de-DE", "Umfragen"}, {"fr", "fr-FR", "Sondages"}}) {
            try (Browser admin = Browser.speaking(language[1], "admin")) {
                admin.open("/console/");
                admin.waitForText(By.tagName("h1"), language[2]);
                admin.find(By.cssSelector("#poll-rows tr"));
                check(admin, language[0], "console, polls", keys, violations);
                admin.open("/console/poll.html");
                admin.find(By.cssSelector("#options-list li"));
                check(admin, language[0], "console, new poll", keys, violations);
                admin.open("/console/poll.html?poll=" + open.getString("id"));
                admin.waitFor(
                        driver -> !driver.findElement(By.id("total")).getText().isBlank());
                check(admin, language[0], "console, open poll with results", keys, violations);
                admin.open("/console/events.html");
                admin.find(By.id("create-event"));
                check(admin, language[0], "console, events", keys, violations);
                admin.open("/console/operations.html");
                admin.waitFor(driver ->
                        !driver.findElement(By.id("queue-depth")).getText().isBlank());
                check(admin, language[0], "console, operations", keys, violations);
                admin.open("/console/audit.html");
                admin.find(By.cssSelector("#entries tr"));
                check(admin, language[0], "console, audit trail", keys, violations);
            }
        }
        violations.values().removeIf(String::isEmpty);
        assertTrue(violations.isEmpty(), () -> "axe-core violations or untranslated text:\n" + violations);
    }

    /** axe-core's findings, the page's language, and any bundle key the page shows instead of its message. */
    private static void check(
            Browser browser, String language, String state, Set<String> keys, Map<String, String> violations) {
        browser.waitFor(driver ->
                !driver.findElement(By.tagName("html")).getAttribute("class").contains("i18n-pending"));
        String problems = browser.accessibilityViolations();
        String lang = browser.find(By.tagName("html")).getAttribute("lang");
        if (!language.equals(lang)) {
            problems += "\n<html lang=\"" + lang + "\">";
        }
        String text = browser.find(By.tagName("body")).getText() + " "
                + browser.driver().getTitle();
        // A key on its own, not part of a longer name (the audit trail shows actions such as event.poll-added).
        List<String> shownKeys = keys.stream()
                .filter(key -> Pattern.compile("(?<![\\w.-])" + Pattern.quote(key) + "(?![\\w.-])")
                        .matcher(text)
                        .find())
                .toList();
        if (!shownKeys.isEmpty()) {
            problems += "\nkeys instead of messages: " + shownKeys;
        }
        violations.put(language + ", " + state, problems.strip());
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
