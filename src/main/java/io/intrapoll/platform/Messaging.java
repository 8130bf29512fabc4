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

    /** The durable queue of webhook delivery attempts (a message names a delivery and the attempt it is for). */
    public static final String WEBHOOKS = "jms/webhooks";

    public static final String WEBHOOKS_ADDRESS = "intrapoll.webhooks";

    /**
     * On ballot groups and on tally announcements: the ids of the polls the message concerns, comma-separated, so a
     * queue browser can tell whether a poll is drained and a listener need not read the body.
     */
    public static final String POLLS_PROPERTY = "polls";

    /** On a ballot queue message that holds anonymous ballots' choices halves: its value {@link #CHOICES}. */
    public static final String KIND_PROPERTY = "kind";

    public static final String CHOICES = "choices";

    /**
     * Artemis's duplicate detection id (Message.HDR_DUPLICATE_DETECTION_ID): the broker drops a transaction that
     * holds a message with an id it has seen, so a ballot sent twice reaches the queue once.
     */
    public static final String DUPLICATE_ID_PROPERTY = "_AMQ_DUPL_ID";

    /** On tally announcements of traced ballots: the results event's spans, comma-separated W3C traceparents. */
    public static final String TRACES_PROPERTY = "traceparents";

    private Messaging() {}
}
