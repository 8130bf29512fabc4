package io.intrapoll.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.infinispan.Bucket4jInfinispan;
import io.intrapoll.platform.Caches;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.infinispan.functional.FunctionalMap;
import org.infinispan.functional.impl.FunctionalMapImpl;
import org.infinispan.functional.impl.ReadWriteMapImpl;

/**
 * Token buckets per signed-in user and per client address, for each {@link Budget}, shared by all nodes through
 * Infinispan: a flood spread over the nodes by the load balancer meets one limit. Budgets are requests per
 * minute, refilled continuously, and the whole minute's budget may be spent at once.
 */
@ApplicationScoped
public class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class.getName());
    private static final Duration PERIOD = Duration.ofMinutes(1);

    @Inject
    Caches caches;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "intrapoll.rate.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "intrapoll.rate.vote.per-user", defaultValue = "60")
    long votePerUser;

    @Inject
    @ConfigProperty(name = "intrapoll.rate.vote.per-address", defaultValue = "30000")
    long votePerAddress;

    @Inject
    @ConfigProperty(name = "intrapoll.rate.other.per-user", defaultValue = "1200")
    long otherPerUser;

    @Inject
    @ConfigProperty(name = "intrapoll.rate.other.per-address", defaultValue = "60000")
    long otherPerAddress;

    @Inject
    @ConfigProperty(name = "intrapoll.rate.trusted-proxies", defaultValue = " ")
    List<String> trustedProxies;

    private ProxyManager<String> buckets;
    private ClientAddress clientAddress;
    private final Map<Budget, BucketConfiguration> perUser = new EnumMap<>(Budget.class);
    private final Map<Budget, BucketConfiguration> perAddress = new EnumMap<>(Budget.class);

    @PostConstruct
    void configure() {
        clientAddress = new ClientAddress(trustedProxies);
        perUser.put(Budget.VOTE, perMinute(votePerUser));
        perUser.put(Budget.OTHER, perMinute(otherPerUser));
        perAddress.put(Budget.VOTE, perMinute(votePerAddress));
        perAddress.put(Budget.OTHER, perMinute(otherPerAddress));
        FunctionalMap.ReadWriteMap<String, byte[]> map = ReadWriteMapImpl.create(
                FunctionalMapImpl.create(caches.rateLimits().getAdvancedCache()));
        buckets = Bucket4jInfinispan.entryProcessorBasedBuilder(map)
                // a bucket full again is the same as no bucket: let it go
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        for (Budget budget : Budget.values()) {
            for (String scope : List.of("user", "address")) {
                rejections(budget, scope);
            }
        }
    }

    private static BucketConfiguration perMinute(long requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("a rate limit must allow at least one request a minute");
        }
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, PERIOD))
                .build();
    }

    String clientAddress(String remoteAddress, String forwardedFor) {
        return clientAddress.of(remoteAddress, forwardedFor);
    }

    /**
     * Takes one request from the user's bucket (when signed in) and the address's; empty when both had one,
     * else the seconds until the refused one has a request again.
     */
    OptionalLong spend(Budget budget, String user, String address) {
        if (!enabled) {
            return OptionalLong.empty();
        }
        try {
            if (user != null) {
                OptionalLong wait = take("user:" + user, budget, perUser.get(budget));
                if (wait.isPresent()) {
                    rejections(budget, "user").inc();
                    return wait;
                }
            }
            OptionalLong wait = take("address:" + address, budget, perAddress.get(budget));
            if (wait.isPresent()) {
                rejections(budget, "address").inc();
            }
            return wait;
        } catch (RuntimeException e) {
            // The limiter protects the service; when its cache fails, serving beats refusing everyone.
            LOG.log(Level.WARNING, "Rate limit not checked (cache unavailable); request let through", e);
            return OptionalLong.empty();
        }
    }

    private OptionalLong take(String who, Budget budget, BucketConfiguration configuration) {
        ConsumptionProbe probe = buckets.builder()
                .build(budget.label() + ":" + who, () -> configuration)
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(
                Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L)));
    }

    private Counter rejections(Budget budget, String scope) {
        return metrics.counter(
                Metadata.builder()
                        .withName("intrapoll_rate_limited")
                        .withDescription(
                                "Requests refused with 429, by budget (vote, other) and by whose budget ran out")
                        .build(),
                new Tag("budget", budget.label()),
                new Tag("scope", scope));
    }
}
