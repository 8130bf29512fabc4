package io.intrapoll.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.intrapoll.identity.Caller;
import io.intrapoll.identity.Role;
import io.intrapoll.support.Deployments;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside Liberty: many schedulers (as on many servers) race to act on the same due time; exactly one
 * wins and the poll changes once.
 */
@ExtendWith(ArquillianExtension.class)
class ScheduledTransitionsIT {

    private static final int CONTENDERS = 8;
    private static final Caller AUTHOR = new Caller("author", Set.of(Role.AUTHOR, Role.VOTER), Set.of("authors"));

    @Inject
    ScheduledTransitions transitions;

    @Inject
    PollService polls;

    @Deployment
    static WebArchive deployment() {
        return Deployments.intrapoll().addClasses(ScheduledTransitionsIT.class, Polls.class);
    }

    @Test
    void concurrentSchedulersOpenAPollExactlyOnce() throws Exception {
        // Far in the future, so the server's own schedule leaves it alone; the contenders act as if it were due.
        Instant opensAt = Instant.now().plusSeconds(3600);
        PollView poll = polls.create(input(opensAt, opensAt.plusSeconds(3600)), AUTHOR);
        Instant due = opensAt.plusSeconds(1);

        assertEquals(1, race(() -> transitions.fireOpening(new PollId(poll.id()), due)));
        PollView after = polls.get(new PollId(poll.id()), AUTHOR).view();
        assertEquals(PollStatus.OPEN, after.status());
        assertEquals(poll.version() + 1, after.version(), "changed once");
        assertEquals(
                0, race(() -> transitions.fireOpening(new PollId(poll.id()), due)), "a fired time never fires again");
    }

    @Test
    void concurrentSchedulersCloseAPollExactlyOnce() throws Exception {
        Instant closesAt = Instant.now().plusSeconds(3600);
        PollView poll = polls.create(input(null, closesAt), AUTHOR);
        polls.open(new PollId(poll.id()), java.util.Optional.empty(), AUTHOR);
        long versionWhenOpen = polls.get(new PollId(poll.id()), AUTHOR).view().version();

        assertEquals(1, race(() -> transitions.fireClosing(new PollId(poll.id()), closesAt.plusSeconds(1))));
        PollView after = polls.get(new PollId(poll.id()), AUTHOR).view();
        assertEquals(PollStatus.CLOSED, after.status());
        assertEquals(versionWhenOpen + 1, after.version());
    }

    /** Starts the contenders together on container threads (each with its own transaction); returns how many won. */
    private static int race(Callable<Boolean> contender) throws Exception {
        ExecutorService pool = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < CONTENDERS; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return contender.call();
            }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> result : results) {
            winners += result.get() ? 1 : 0;
        }
        return winners;
    }

    private static PollInput input(Instant opensAt, Instant closesAt) {
        return Polls.scheduled(opensAt, closesAt);
    }
}
