package io.intrapoll.platform;

import io.github.bucket4j.grid.infinispan.serialization.Bucket4jProtobufContextInitializer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.cache.StorageType;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.jgroups.JChannel;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.stack.ProtocolStack;

/**
 * Infinispan, embedded in every node: one-per-person claims, live tallies and the polls votes are checked
 * against. With no cluster members
 * configured (the embedded default) the caches are local; with {@code intrapoll.cluster.members} every node
 * joins one JGroups cluster (TCP, TCPPING discovery) and the caches are replicated to all of them. The cluster's
 * messages are encrypted with AES under {@code intrapoll.cluster.key} (JGroups' SYM_ENCRYPT): only a member that has
 * the key can join, read the caches or write them; anyone else who reaches the port forms a cluster of its own.
 * PostgreSQL stays the source of truth: whatever a cache loses is read back from it.
 */
@ApplicationScoped
public class Caches {

    public static final String CLAIMS = "claims";
    public static final String TALLIES = "tallies";
    public static final String POLLS = "polls";
    public static final String RATE_LIMITS = "rate-limits";
    public static final String FAILED_LOGINS = "failed-logins";
    public static final String EVENT_SIGNALS = "event-signals";
    private static final Logger LOG = Logger.getLogger(Caches.class.getName());

    @Inject
    @ConfigProperty(name = "intrapoll.cluster.members")
    Optional<String> members;

    @Inject
    @ConfigProperty(name = "intrapoll.cluster.name")
    String clusterName;

    @Inject
    @ConfigProperty(name = "intrapoll.cluster.bind-address")
    String bindAddress;

    @Inject
    @ConfigProperty(name = "intrapoll.cluster.port")
    int port;

    @Inject
    @ConfigProperty(name = "intrapoll.node.name")
    Optional<String> nodeName;

    /** The cluster's AES key, base64 (16, 24 or 32 bytes): the same on every node, required with members. */
    @Inject
    @ConfigProperty(name = "intrapoll.cluster.key")
    Optional<String> clusterKey;

    private EmbeddedCacheManager manager;

    /**
     * Joins the cluster while the application starts, not on the first vote: a node that takes traffic has its
     * caches (a join waits for the other members' answers, seconds on a cold node).
     */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the @PostConstruct below does the work
    }

    @PostConstruct
    void start() {
        boolean clustered = members.isPresent();
        GlobalConfigurationBuilder global = clustered
                ? GlobalConfigurationBuilder.defaultClusteredBuilder()
                : new GlobalConfigurationBuilder().nonClusteredDefault();
        global.jmx().disable();
        // Rate-limit buckets are updated by a function run on the node that owns the entry.
        global.serialization().addContextInitializer(new Bucket4jProtobufContextInitializer());
        if (clustered) {
            // JGroups reads its stack's ${...} values from system properties.
            System.setProperty("jgroups.bind_addr", bindAddress);
            System.setProperty("jgroups.tcp.port", String.valueOf(port));
            System.setProperty("jgroups.tcpping.initial_hosts", initialHosts());
            global.transport().clusterName(clusterName).transport(new JGroupsTransport(encryptedChannel()));
            if (nodeName.isPresent()) {
                global.transport().nodeName(nodeName.get().strip());
            }
        }
        manager = new DefaultCacheManager(global.build());
        ConfigurationBuilder claims = new ConfigurationBuilder();
        ConfigurationBuilder tallies = new ConfigurationBuilder();
        ConfigurationBuilder polls = new ConfigurationBuilder();
        ConfigurationBuilder rateLimits = new ConfigurationBuilder();
        ConfigurationBuilder failedLogins = new ConfigurationBuilder();
        ConfigurationBuilder eventSignals = new ConfigurationBuilder();
        if (clustered) {
            failedLogins.clustering().cacheMode(CacheMode.REPL_SYNC);
            rateLimits.clustering().cacheMode(CacheMode.REPL_SYNC);
            claims.clustering().cacheMode(CacheMode.REPL_SYNC);
            tallies.clustering().cacheMode(CacheMode.REPL_SYNC);
            polls.clustering().cacheMode(CacheMode.REPL_SYNC);
            eventSignals.clustering().cacheMode(CacheMode.REPL_SYNC);
        }
        polls.expiration().lifespan(10, TimeUnit.MINUTES);
        // Claims are looked up in participation once they expire. A tally copy is re-read once it is a second
        // old (LiveTallies); the lifespan only frees the copies of polls nobody looks at.
        claims.expiration().lifespan(6, TimeUnit.HOURS);
        // One claim per person and poll, kept for hours and never evicted (an evicted claim would let a second ballot
        // through as a first): hundreds of thousands in a busy day. Off the heap, they do not crowd the node's heap
        // (about 480 bytes each there, as strings and entry objects; the bench ran out of a 512 MiB heap with them).
        claims.memory().storage(StorageType.OFF_HEAP);
        tallies.expiration().lifespan(1, TimeUnit.MINUTES);
        failedLogins.expiration().lifespan(1, TimeUnit.HOURS); // what they count is an hour's failures
        eventSignals.expiration().lifespan(1, TimeUnit.MINUTES); // a signal matters when written, not after
        manager.defineConfiguration(CLAIMS, claims.build());
        manager.defineConfiguration(TALLIES, tallies.build());
        manager.defineConfiguration(POLLS, polls.build());
        manager.defineConfiguration(RATE_LIMITS, rateLimits.build());
        manager.defineConfiguration(FAILED_LOGINS, failedLogins.build());
        manager.defineConfiguration(EVENT_SIGNALS, eventSignals.build());
        manager.getCache(CLAIMS);
        manager.getCache(TALLIES);
        manager.getCache(POLLS);
        manager.getCache(RATE_LIMITS);
        manager.getCache(FAILED_LOGINS);
        manager.getCache(EVENT_SIGNALS);
        LOG.info(() -> clustered
                ? "Infinispan joined cluster " + clusterName + " as " + manager.getAddress() + "; members "
                        + manager.getMembers()
                : "Infinispan running locally (no cluster members configured)");
    }

    /**
     * The stack of intrapoll-jgroups.xml with SYM_ENCRYPT under the cluster key right below NAKACK2, where JGroups
     * puts it: membership, cache traffic and retransmissions are encrypted; what a stranger sends is dropped.
     */
    private JChannel encryptedChannel() {
        SYM_ENCRYPT encryption = new SYM_ENCRYPT().setSecretKey(ClusterKey.parse(clusterKey)); // no key, no channel
        JChannel channel = null;
        try {
            channel = new JChannel("intrapoll-jgroups.xml");
            nodeName.map(String::strip).ifPresent(channel::name);
            encryption.setProtocolStack(channel.getProtocolStack());
            channel.getProtocolStack().insertProtocol(encryption, ProtocolStack.Position.BELOW, NAKACK2.class);
            encryption.init(); // JGroups initialised the stack as the file has it; this one came after
            return channel;
        } catch (Exception e) {
            if (channel != null) {
                channel.close();
            }
            throw new IllegalStateException("The cluster's JGroups stack could not be built", e);
        }
    }

    /** "a:7800,b:7801" -> "a[7800],b[7801]", as TCPPING wants it. */
    private String initialHosts() {
        return Arrays.stream(members.orElse("").split(","))
                .map(String::strip)
                .filter(member -> !member.isEmpty())
                .map(member -> member.contains("[") ? member : member.replaceFirst(":(\\d+)$", "[$1]"))
                .collect(Collectors.joining(","));
    }

    public Cache<String, String> claims() {
        return manager.getCache(CLAIMS);
    }

    public Cache<String, String> polls() {
        return manager.getCache(POLLS);
    }

    public Cache<String, String> tallies() {
        return manager.getCache(TALLIES);
    }

    /** Rate-limit buckets (Bucket4j's serialized state), shared by every node; entries expire once refilled. */
    public Cache<String, byte[]> rateLimits() {
        return manager.getCache(RATE_LIMITS);
    }

    /**
     * Failed logins per account ("account:" + name, {@code FailedLogins}) and the addresses they came from
     * ("address:" + name + " " + address), shared by every node for an hour.
     */
    public Cache<String, String> failedLogins() {
        return manager.getCache(FAILED_LOGINS);
    }

    /**
     * What changed in which event (key: the event's id): every write is seen by a listener on every node, which
     * tells that node's event streams (io.intrapoll.event.EventStreams).
     */
    public Cache<String, String> eventSignals() {
        return manager.getCache(EVENT_SIGNALS);
    }

    /**
     * A cache of this node's own, never replicated even in a cluster (what one node verified, say), its entries
     * kept at most for the lifespan and, beyond the count, the least recently used dropped. Defined on first use.
     */
    public <K, V> Cache<K, V> nodeLocal(String name, Duration lifespan, long maxEntries) {
        ConfigurationBuilder local = new ConfigurationBuilder();
        local.clustering().cacheMode(CacheMode.LOCAL);
        local.expiration().lifespan(lifespan.toMillis(), TimeUnit.MILLISECONDS);
        local.memory().maxCount(maxEntries);
        manager.defineConfiguration(name, local.build());
        return manager.getCache(name);
    }

    /** The cluster's members as this node sees them (just this node when not clustered). */
    public List<String> members() {
        return manager.getMembers() == null
                ? List.of(localMember())
                : manager.getMembers().stream().map(String::valueOf).toList();
    }

    /** This node's name in the cluster. */
    public String localMember() {
        if (manager.getAddress() != null) {
            return String.valueOf(manager.getAddress());
        }
        return nodeName.map(String::strip).orElse("this node (not clustered)");
    }

    /** True while the caches take reads and writes. */
    public boolean isRunning() {
        return manager != null && manager.getStatus().allowInvocations();
    }

    @PreDestroy
    void stop() {
        if (manager != null) {
            manager.stop();
        }
    }
}
