package io.intrapoll.pages;

import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Browser;
import io.intrapoll.support.Voters;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Markup and SQL in what people type are stored as typed and shown as text on every page: inert. */
class HostileInputIT extends AgainstTheServer {

    private static final String TITLE = "<script>window.pwned = 'title'</script> Lunch'; DROP TABLE poll; --";
    private static final String LABEL = "<img src=x onerror=\"window.pwned = 'label'\">";

    @Test
    void markupAndSqlAreStoredAsTypedAndShownAsText() {
        JsonObject created = create(
                Api.as("author"),
                poll(TITLE, "SINGLE", LABEL, "\" onmouseover=\"x").add("open", true));
        String id = created.getString("id");
        String name = Voters.fresh();
        assertEquals(TITLE, Api.as(name).get("/api/v1/polls/" + id).json().getString("title"), "stored as typed");

        try (Browser voter = Browser.signedInAs(name)) {
            voter.open("/app/vote.html?poll=" + id);
            voter.waitForText(By.id("title"), "DROP TABLE poll");
            assertEquals(TITLE, voter.find(By.id("title")).getText());
            voter.find(By.xpath("//label[contains(., 'img src=x')]"));
            assertNull(voter.driver().executeScript("return window.pwned;"), "nothing ran on the vote page");

            voter.open("/app/results.html?poll=" + id);
            voter.waitForText(By.id("bars"), "onerror");
            assertNull(voter.driver().executeScript("return window.pwned;"), "nothing ran on the results page");

            voter.open("/app/?q=DROP%20TABLE");
            voter.waitForText(By.id("open-polls"), "DROP TABLE poll");
            assertNull(voter.driver().executeScript("return window.pwned;"), "nothing ran on my polls");
        }
        try (Browser admin = Browser.signedInAs("admin")) {
            admin.open("/console/poll.html?poll=" + id);
            admin.waitForText(By.id("heading"), "DROP TABLE poll");
            assertEquals(LABEL, admin.find(By.id("f-options-0")).getAttribute("value"));
            admin.open("/console/?q=DROP");
            admin.waitForText(By.id("poll-rows"), "<script>");
            assertNull(admin.driver().executeScript("return window.pwned;"), "nothing ran in the console");
        }
        assertEquals(200, Api.as("author").get("/api/v1/polls?q=Lunch").status(), "the polls table is still there");
    }
}
