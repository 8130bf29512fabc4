package io.intrapoll.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VotersTest {

    @Test
    void freshVotersAreNeverHandedOutTwiceAndRunOutLoudly() {
        Voters voters = new Voters();
        Set<String> handedOut = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            assertTrue(handedOut.add(voters.takeFresh()), "handed out twice");
        }
        assertThrows(IllegalStateException.class, voters::takeFresh);
        assertThrows(IllegalStateException.class, voters::takeEngineer);
        assertThrows(IllegalStateException.class, voters::takeSalesperson);
    }

    @Test
    void freshVotersOfAGroupAreInThatGroupAndNotHandedOutAgainAsAnyVoter() {
        Voters voters = new Voters();
        Set<String> handedOut = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String engineer = voters.takeEngineer();
            String salesperson = voters.takeSalesperson();
            assertTrue(Voters.isEngineer(engineer), engineer);
            assertFalse(Voters.isEngineer(salesperson), salesperson);
            assertTrue(handedOut.add(engineer) && handedOut.add(salesperson));
            assertTrue(handedOut.add(voters.takeFresh()));
            assertTrue(handedOut.add(voters.takeToExhaust()));
        }
    }

    @Test
    void crowdsAreDifferentPeopleAndNeverFreshVoters() {
        Voters voters = new Voters();
        Set<String> fresh = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            fresh.add(voters.takeFresh());
        }
        List<String> first = voters.takeCrowd(450);
        List<String> second = voters.takeCrowd(600);
        for (List<String> crowd : List.of(first, second)) {
            assertEquals(crowd.size(), new HashSet<>(crowd).size(), "different people");
            assertTrue(crowd.stream().noneMatch(fresh::contains), "no fresh voter in a crowd");
        }
        assertEquals("voter651", second.get(0), "the next crowd starts where the last one ended");
        assertEquals("voter201", second.get(150), "and wraps around");
        assertThrows(IllegalArgumentException.class, () -> voters.takeCrowd(601));
    }

    @Test
    void everyoneIsTheWholeRegistry() {
        List<String> everyone = Voters.everyone();
        assertEquals(IntStream.rangeClosed(1, 1000).mapToObj(i -> "voter" + i).toList(), everyone);
    }

    @Test
    void budgetsUsedUpOnPurposeAreWaitedForByEveryone() {
        Voters voters = new Voters();
        voters.takeFresh();
        assertEquals(Duration.ZERO, voters.untilExhaustedBudgetsRefill(), "nothing used up");
        voters.takeToExhaust();
        Duration wait = voters.untilExhaustedBudgetsRefill();
        assertTrue(
                wait.compareTo(Duration.ofSeconds(55)) > 0 && wait.compareTo(Voters.BUDGET_PERIOD) <= 0,
                wait::toString);
    }
}
