package io.intrapoll.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.intrapoll.platform.Problem;
import io.intrapoll.platform.ProblemException;
import org.junit.jupiter.api.Test;

/** A poll id in a request path: text that cannot be one is answered as an unknown poll is. */
class PollPathTest {

    @Test
    void aPollIdInThePathIsThatPoll() {
        assertEquals(new PollId("3f2c1e9a-6b7d"), PollPath.id("3f2c1e9a-6b7d"));
        assertEquals(
                "A-z-0".repeat(7) + "9", PollPath.id("A-z-0".repeat(7) + "9").value()); // 36: the longest
    }

    @Test
    void textThatCannotBeAPollIdIsTheUnknownPoll404() {
        for (String text :
                new String[] {"not an id", "a_b", "x".repeat(37), "", "caf\u00e9", "\u0661\u0662", "a/b", "a.b"}) {
            Problem problem = assertThrows(ProblemException.class, () -> PollPath.id(text))
                    .problem();
            assertEquals(404, problem.status());
            assertEquals("https://intrapoll.io/problems/not-found", problem.type());
            assertEquals("Not found", problem.title());
            assertEquals("There is no poll " + text + ".", problem.detail());
        }
    }
}
