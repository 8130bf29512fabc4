package io.intrapoll.vote;

import jakarta.jms.JMSException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The broker's side of the ballot queue: the groups it took, in order. It can be down (a send fails) or hold
 * sends (a slow journal write) until released.
 */
final class RecordingBroker extends BallotQueue {

    private final List<List<Ballot>> groups = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private volatile CountDownLatch held = new CountDownLatch(0);
    private volatile CountDownLatch sending = new CountDownLatch(0);

    @Override
    public void send(List<Ballot> ballots) throws JMSException {
        sending.countDown();
        try {
            held.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("interrupted");
        }
        if (down) {
            throw new JMSException("the broker is away");
        }
        groups.add(List.copyOf(ballots));
    }

    /** Every ballot the broker took, group after group. */
    List<Ballot> ballots() {
        return groups.stream().flatMap(List::stream).toList();
    }

    List<List<Ballot>> groups() {
        return groups;
    }

    void goDown() {
        down = true;
    }

    void comeBack() {
        down = false;
    }

    /** Sends from now on wait until {@link #release()}. */
    void hold() {
        sending = new CountDownLatch(1);
        held = new CountDownLatch(1);
    }

    /** Waits until a send is waiting at the hold: a writer took its group and is writing it. */
    void awaitSendHeld() throws InterruptedException {
        if (!sending.await(5, TimeUnit.SECONDS)) {
            throw new AssertionError("no group reached the broker");
        }
    }

    void release() {
        held.countDown();
    }
}
