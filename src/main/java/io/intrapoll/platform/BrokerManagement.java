package io.intrapoll.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.core.client.impl.ClientMessageImpl;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks the broker about a queue through Artemis' management messages (JMS offers no way to ask), on the broker
 * the resource adapter uses, embedded or external: of a primary/backup pair, whichever of the two is active (a
 * backup accepts connections only once it has taken over).
 */
@ApplicationScoped
public class BrokerManagement {

    private static final Logger LOG = Logger.getLogger(BrokerManagement.class.getName());
    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long ANSWER_WITHIN_MS = 2000;
    private static final String REPLIES_PREFIX = "intrapoll.management.replies.";

    @Inject
    @ConfigProperty(name = "intrapoll.broker.host")
    String host;

    @Inject
    @ConfigProperty(name = "intrapoll.broker.port")
    int port;

    /** A pair's backup (the broker above again when there is none): after a failover, it is the one that answers. */
    @Inject
    @ConfigProperty(name = "intrapoll.broker.backup-host")
    String backupHost;

    @Inject
    @ConfigProperty(name = "intrapoll.broker.backup-port")
    int backupPort;

    /**
     * TLS to the broker, its certificate checked against the truststore the JVM's org.apache.activemq.ssl.* system
     * properties name, as for the resource adapter.
     */
    @Inject
    @ConfigProperty(name = "intrapoll.broker.tls")
    boolean tls;

    /** Empty (anonymous) unless set: MicroProfile Config reads an empty value as none. */
    @Inject
    @ConfigProperty(name = "intrapoll.broker.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "intrapoll.broker.password")
    Optional<String> password;

    /** Consumers attached to the queue, cluster-wide (every node's aggregator sessions); empty if unknown. */
    public OptionalLong consumerCount(String queue) {
        return attribute(queue, "consumerCount");
    }

    private OptionalLong attribute(String queue, String attribute) {
        try (ServerLocator locator = ActiveMQClient.createServerLocator("(tcp://" + host + ":" + port + ",tcp://"
                                + backupHost + ":" + backupPort + ")?connect-timeout-millis=" + ANSWER_WITHIN_MS
                                + (tls ? "&sslEnabled=true&verifyHost=true" : ""))
                        .setCallTimeout(ANSWER_WITHIN_MS)
                        .setReconnectAttempts(0)
                        .setInitialConnectAttempts(1);
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session =
                        factory.createSession(user.orElse(null), password.orElse(null), false, true, true, false, 1)) {
            // The answer comes to a temporary queue under intrapoll.*, the only addresses the broker account may
            // use (ClientRequestor's would have a random name outside them).
            String replies = REPLIES_PREFIX + UUID.randomUUID();
            session.createQueue(QueueConfiguration.of(replies)
                    .setRoutingType(RoutingType.ANYCAST)
                    .setDurable(false)
                    .setTemporary(true)
                    .setAutoCreateAddress(true));
            ClientMessage reply;
            try (ClientProducer producer = session.createProducer(MANAGEMENT_ADDRESS);
                    ClientConsumer consumer = session.createConsumer(replies)) {
                session.start();
                ClientMessage request = session.createMessage(false);
                ManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, attribute);
                request.putStringProperty(ClientMessageImpl.REPLYTO_HEADER_NAME, SimpleString.of(replies));
                producer.send(request);
                reply = consumer.receive(ANSWER_WITHIN_MS);
            }
            if (reply == null || !ManagementHelper.hasOperationSucceeded(reply)) {
                return OptionalLong.empty();
            }
            return ManagementHelper.getResult(reply) instanceof Number number
                    ? OptionalLong.of(number.longValue())
                    : OptionalLong.empty();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Cannot ask the broker about " + queue, e);
            return OptionalLong.empty();
        }
    }
}
