package io.intrapoll.platform;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The zero-setup broker: when {@code intrapoll.broker.embedded} is true the application runs an Artemis broker
 * itself, persistent, listening on the loopback address the resource adapter connects to. A cluster sets it
 * to false and points every node at an external broker.
 */
@ApplicationScoped
public class EmbeddedBroker {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class.getName());

    @Inject
    @ConfigProperty(name = "intrapoll.broker.embedded")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "intrapoll.broker.host")
    String host;

    @Inject
    @ConfigProperty(name = "intrapoll.broker.port")
    int port;

    @Inject
    @ConfigProperty(name = "intrapoll.broker.data-dir")
    String dataDir;

    /** Messages held in memory at most (MiB); the rest are paged to the data directory. */
    @Inject
    @ConfigProperty(name = "intrapoll.broker.max-memory-mb")
    long maxMemoryMb;

    /** How long the journal gathers writes that wait for a sync before it syncs them together (microseconds). */
    @Inject
    @ConfigProperty(name = "intrapoll.broker.journal-buffer-timeout-us")
    long journalBufferTimeoutMicros;

    private EmbeddedActiveMQ broker;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!enabled) {
            return;
        }
        try {
            broker = new EmbeddedActiveMQ().setConfiguration(configuration());
            broker.start();
            LOG.info(() -> "Embedded Artemis broker listening on " + host + ":" + port + ", journal in " + dataDir);
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "The embedded broker did not start; votes are refused until a broker answers", e);
        }
    }

    private Configuration configuration() throws Exception {
        return new ConfigurationImpl()
                .setName("intrapoll-embedded")
                .setPersistenceEnabled(true)
                // Duplicate ids remembered (anonymous ballots' participation halves, BallotQueue), as provisioned.
                .setIDCacheSize(100_000)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalDirectory(dataDir + "/journal")
                .setBindingsDirectory(dataDir + "/bindings")
                .setPagingDirectory(dataDir + "/paging")
                .setLargeMessagesDirectory(dataDir + "/large-messages")
                // The broker shares the node's heap: when votes come in faster than they are counted, the waiting
                // ballots page to disk beyond this instead of taking Artemis' default of half the heap from the
                // requests and the caches.
                .setGlobalMaxSize(maxMemoryMb * 1024 * 1024)
                .setJournalBufferTimeout_NIO((int) (journalBufferTimeoutMicros * 1000))
                .setJournalBufferTimeout_AIO((int) (journalBufferTimeoutMicros * 1000))
                .addAcceptorConfiguration("core", "tcp://" + host + ":" + port + "?protocols=CORE")
                .addAddressSetting(
                        "#",
                        new AddressSettings()
                                .setDeadLetterAddress(SimpleString.of(Messaging.UNREADABLE_BALLOTS_ADDRESS))
                                .setMaxDeliveryAttempts(5)
                                .setRedeliveryDelay(500))
                // Accepted ballots are never dead-lettered for a passing failure (the database away): they are
                // redelivered, backing off to every 30 s, until counted. The same settings as the test broker
                // (src/build/artemis-broker.sh) and the provisioned one.
                .addAddressSetting(
                        Messaging.BALLOTS_ADDRESS,
                        new AddressSettings()
                                .setMaxDeliveryAttempts(-1)
                                .setRedeliveryDelay(500)
                                .setRedeliveryMultiplier(2)
                                .setMaxRedeliveryDelay(30_000))
                .addQueueConfiguration(
                        QueueConfiguration.of(Messaging.BALLOTS_ADDRESS).setRoutingType(RoutingType.ANYCAST))
                .addQueueConfiguration(QueueConfiguration.of(Messaging.UNREADABLE_BALLOTS_ADDRESS)
                        .setRoutingType(RoutingType.ANYCAST));
    }

    @PreDestroy
    void stop() {
        if (broker != null) {
            try {
                broker.stop();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Embedded broker stop failed", e);
            }
        }
    }
}
