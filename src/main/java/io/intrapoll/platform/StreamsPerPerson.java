package io.intrapoll.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** How many streams of one kind each person holds on this node, up to a most (the rest are refused with 429). */
public final class StreamsPerPerson {

    private final Map<String, Integer> held = new ConcurrentHashMap<>();
    private final int most;
    private final String kind;

    /** @param kind what the streams are, for the refusal ("results streams") */
    public StreamsPerPerson(int most, String kind) {
        this.most = most;
        this.kind = kind;
    }

    /** Counts a stream for the person, or refuses it when the person holds the most already (nothing is counted). */
    public void admit(String person) {
        boolean[] admitted = {false};
        held.compute(person, (name, open) -> {
            int count = open == null ? 0 : open;
            admitted[0] = count < most;
            return admitted[0] ? count + 1 : count;
        });
        if (!admitted[0]) {
            throw ProblemException.tooManyRequests(
                    "You have " + most + " " + kind + " open already; close one first.", 5);
        }
    }

    /** A stream the person held has ended. */
    public void release(String person) {
        held.computeIfPresent(person, (name, open) -> open > 1 ? open - 1 : null);
    }
}
