package io.intrapoll.platform;

/**
 * The application's JMS resources, named once for the Java side. messaging.xml binds each JNDI name to its address
 * on the broker; the addresses below are those same ones, for the code that talks to the broker directly (the
 * embedded broker's set-up, management queries). The test broker (src/build/artemis-broker.sh) and the
 * provisioned one (ansible) declare the same addresses.
 */
public final class Messaging {

    public static final String CONNECTION_FACTORY = "jms/intrapoll";

    /** Accepted ballots, in groups, waiting to be counted. */
    public static final String BALLOTS = "jms/ballots";

    public static final String BALLOTS_ADDRESS = "intrapoll.ballots";

    /** Messages the aggregator cannot read, kept for an operator; also the broker's dead-letter address. */
    public static final String UNREADABLE_BALLOTS = "jms/unreadableBallots";

    public static final String UNREADABLE_BALLOTS_ADDRESS = "intrapoll.ballots.dead";

    /** Announcements of changed tallies, heard by every node. */
    public static final String TALLIES = "jms/tallies";

    /**
     * On ballot groups and on tally announcements: the ids of the polls the message concerns, comma-separated, so a
     * queue browser can tell whether a poll is drained and a listener need not read the body.
     */
    public static final String POLLS_PROPERTY = "polls";

    /** On tally announcements of traced ballots: the results event's spans, comma-separated W3C traceparents. */
    public static final String TRACES_PROPERTY = "traceparents";

    private Messaging() {}
}
