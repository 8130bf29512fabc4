package io.intrapoll.tally;

import static io.intrapoll.support.ProblemAssertions.assertProblem;
import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.poll;
import static io.intrapoll.support.Votes.awaitCounted;
import static io.intrapoll.support.Votes.optionIds;
import static io.intrapoll.support.Votes.vote;
import static io.intrapoll.support.Votes.votesPerOption;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.TestDatabase;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tallies (durable and live) can be rebuilt exactly from the counted ballots after they are lost. */
class TallyRebuildIT extends AgainstTheServer {

    private final Api author = Api.as("author");

    @Test
    void rebuildAfterLosingTheTalliesGivesTheSameCounts() throws Exception {
        JsonObject single =
                create(author, poll("Rebuild me", "MULTIPLE", "a", "b", "c").add("open", true));
        JsonObject ranked =
                create(author, poll("Rebuild ranked", "RANKED", "x", "y").add("open", true));
        String[] m = optionIds(single);
        String[] r = optionIds(ranked);
        List<String> voters = Voters.fresh(10);
        for (int i = 0; i < voters.size(); i++) {
            Api voter = Api.as(voters.get(i));
            vote(voter, single.getString("id"), m[i % 3], m[(i + 1) % 3]);
            vote(voter, ranked.getString("id"), r[i % 2], r[(i + 1) % 2]);
        }
        Map<String, Long> before = votesPerOption(awaitCounted(author, single.getString("id"), 10));
        Map<String, Long> rankedBefore = votesPerOption(awaitCounted(author, ranked.getString("id"), 10));

        TestDatabase.execute(
                "DELETE FROM option_tally WHERE poll_id IN (?, ?)", single.getString("id"), ranked.getString("id"));
        TestDatabase.execute("UPDATE poll_tally SET ballots = 0 WHERE poll_id = ?", single.getString("id"));
        // The live tallies re-read the database about every second.
        long deadline = System.currentTimeMillis() + 5000;
        int shown = -1;
        while (shown != 0 && System.currentTimeMillis() < deadline) {
            Votes.sleep(200);
            shown = author.get("/api/v1/polls/" + single.getString("id") + "/results")
                    .json()
                    .getInt("totalBallots");
        }
        assertEquals(0, shown, "the lost tallies show");

        assertProblem(403, Api.as(Voters.fresh()).post("/api/v1/admin/tallies/rebuild"));
        Api.Reply rebuilt = Api.as("admin").post("/api/v1/admin/tallies/rebuild");
        assertEquals(200, rebuilt.status(), rebuilt::toString);

        JsonObject after = author.get("/api/v1/polls/" + single.getString("id") + "/results")
                .json();
        assertEquals(10, after.getInt("totalBallots"));
        assertEquals(before, votesPerOption(after));
        assertEquals(
                rankedBefore,
                votesPerOption(author.get("/api/v1/polls/" + ranked.getString("id") + "/results")
                        .json()));
    }
}
