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
    }

    @Test
    void textThatCannotBeAPollIdIsTheUnknownPoll404() {
        for (String text : new String[] {"not an id", "a_b", "x".repeat(37), ""}) {
            Problem problem = assertThrows(ProblemException.class, () -> PollPath.id(text))
                    .problem();
            assertEquals(404, problem.status());
            assertEquals("https://intrapoll.io/problems/not-found", problem.type());
            assertEquals("Not found", problem.title());
            assertEquals("There is no poll " + text + ".", problem.detail());
        }
    }
}
