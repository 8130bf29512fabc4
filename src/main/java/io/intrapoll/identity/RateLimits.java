package io.intrapoll.identity;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.infinispan.Bucket4jInfinispan;
import io.intrapoll.platform.Caches;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.infinispan.Cache;
import org.infinispan.functional.FunctionalMap;
import org.infinispan.functional.impl.FunctionalMapImpl;
import org.infinispan.functional.impl.ReadWriteMapImpl;

/**
 * Token buckets per signed-in user and per client address, for each {@link RateBudget}. Budgets are requests per
 * minute, refilled continuously, and the whole minute's budget may be spent at once. Requests and votes spend from
 * node-local buckets holding this node's share of the budget ({@link NodeShareBuckets}): every request pays for
 * the check, so it makes no cluster round trip. Failed logins, rare and worth more to an attacker, are counted for
 * all nodes through Infinispan: per address in a bucket, per account as {@link FailedLogins} says.
 */
@ApplicationScoped
public class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class.getName());
    private static final Duration PERIOD = Duration.ofMinutes(1);
    private static final long WARN_EVERY_MILLIS = 60_000;
    private static final String ADDRESS_KEY = RateLimits.class.getName() + ".address-key";
    /** A request attribute: the mark of this address's failures for the account tried, when there is one. */
    private static final String FAILED_HERE = RateLimits.class.getName() + ".failed-here";

    @Inject
    Caches caches;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "intrapoll.rate.enabled")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "intrapoll.rate.vote.per-user")
    long votePerUser;

    @Inject
    @ConfigProperty(name = "intrapoll.rate.vote.per-address")
    long votePerAddress;

    @Inject
    @ConfigProperty(name = "intrapoll.rate.other.per-user")
    long otherPerUser;

    @Inject
    @ConfigProperty(name = "intrapoll.rate.other.per-address")
    long otherPerAddress;

    @Inject
    @ConfigProperty(name = "intrapoll.rate.login-failures.per-account")
    int loginFailuresPerAccount;

    @Inject
    @ConfigProperty(name = "intrapoll.rate.login-failures.max-delay-seconds")
    long loginFailuresMaxDelaySeconds;

    @Inject
    @ConfigProperty(name = "intrapoll.rate.login-failures.per-account-hour")
    int loginFailuresPerAccountHour;

    @Inject
    @ConfigProperty(name = "intrapoll.rate.login-failures.per-address")
    long loginFailuresPerAddress;

    @Inject
    @ConfigProperty(name = "intrapoll.qa.questions-per-minute")
    long questionsPerMinute;

    @Inject
    @ConfigProperty(name = "intrapoll.rate.trusted-proxies")
    Optional<List<String>> trustedProxies;

    private ProxyManager<String> buckets;
    private NodeShareBuckets local;
    private ClientAddress clientAddress;
    /** Budgets spent on this node: requests per minute for the whole cluster. */
    private final Map<RateBudget, Long> localPerUser = new EnumMap<>(RateBudget.class);

    private final Map<RateBudget, Long> localPerAddress = new EnumMap<>(RateBudget.class);
    /** The failed-login budget of an address and the question budget of a person, shared by all nodes. */
    private final Map<RateBudget, BucketConfiguration> clusterWide = new EnumMap<>(RateBudget.class);

    private final AtomicLong lastWarning = new AtomicLong();
    private FailedLogins.Policy accountPolicy;

    /** Built while the application starts: a wrong setting stops the start, not every request after it. */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the @PostConstruct below does the work
    }

    @PostConstruct
    void configure() {
        clientAddress = new ClientAddress(trustedProxies.orElse(List.of()));
        local = new NodeShareBuckets(() -> caches.members().size());
        localPerUser.put(RateBudget.VOTE, atLeastOne(votePerUser));
        localPerUser.put(RateBudget.OTHER, atLeastOne(otherPerUser));
        localPerAddress.put(RateBudget.VOTE, atLeastOne(votePerAddress));
        localPerAddress.put(RateBudget.OTHER, atLeastOne(otherPerAddress));
        accountPolicy = new FailedLogins.Policy(
                loginFailuresPerAccount,
                Duration.ofSeconds(loginFailuresMaxDelaySeconds),
                Math.max(loginFailuresPerAccountHour, loginFailuresPerAccount));
        clusterWide.put(RateBudget.LOGIN_FAILURE, perMinute(loginFailuresPerAddress));
        clusterWide.put(RateBudget.QUESTION, perMinute(questionsPerMinute));
        FunctionalMap.ReadWriteMap<String, byte[]> map = ReadWriteMapImpl.create(
                FunctionalMapImpl.create(caches.rateLimits().getAdvancedCache()));
        buckets = Bucket4jInfinispan.entryProcessorBasedBuilder(map)
                // a bucket full again is the same as no bucket: let it go
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        for (RateBudget budget : RateBudget.values()) {
            for (String scope : List.of("user", "address")) {
                rejections(budget, scope);
            }
        }
    }

    private static BucketConfiguration perMinute(long requests) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(atLeastOne(requests)).refillGreedy(requests, PERIOD))
                .build();
    }

    private static long atLeastOne(long requestsPerMinute) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("a rate limit must allow at least one request a minute");
        }
        return requestsPerMinute;
    }

    /**
     * Takes one request from the user's bucket (when signed in) and the address's; empty when both had one, else
     * the seconds until the refused one has a request again.
     */
    OptionalLong spend(RateBudget budget, String user, HttpServletRequest request) {
        if (!enabled) {
            return OptionalLong.empty();
        }
        try {
            if (user != null) {
                OptionalLong wait = take(localBucket(budget, "user:" + user, localPerUser), budget, "user");
                if (wait.isPresent()) {
                    return wait;
                }
            }
            return take(localBucket(budget, "address:" + addressKey(request), localPerAddress), budget, "address");
        } catch (RuntimeException e) {
            return letThrough(e);
        }
    }

    /**
     * Takes one question from the person's budget, shared by every node: empty when it had one, else the seconds
     * until it has. Kept in the rate-limit cache by user name only, for a minute: nothing here names a question.
     */
    public OptionalLong spendQuestion(String user) {
        if (!enabled) {
            return OptionalLong.empty();
        }
        try {
            ConsumptionProbe probe =
                    bucket(RateBudget.QUESTION, "user:" + user, clusterWide).tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return OptionalLong.empty();
            }
            rejections(RateBudget.QUESTION, "user").inc();
            return OptionalLong.of(seconds(probe.getNanosToWaitForRefill()));
        } catch (RuntimeException e) {
            return letThrough(e);
        }
    }

    /**
     * Whether a password for this user name may be tried from this address now: empty if so, else the seconds to
     * wait (then even the right password waits, or a guesser would learn it from the answer). An address that used
     * up its failed logins waits; so does one that failed for this account, as {@link FailedLogins} says.
     */
    OptionalLong loginBlocked(String user, HttpServletRequest request) {
        if (!enabled) {
            return OptionalLong.empty();
        }
        try {
            String address = addressKey(request);
            OptionalLong wait = peek("address:" + address, clusterWide, "address");
            if (wait.isPresent()) {
                return wait;
            }
            String account = FailedLogins.canonical(user);
            Cache<String, String> failed = caches.failedLogins();
            String marked = addressKey(account, address);
            if (!failed.containsKey(marked)) {
                return OptionalLong.empty(); // this address never failed for the account: nothing holds it up
            }
            request.setAttribute(FAILED_HERE, marked); // a right password clears it (loginSucceeded)
            FailedLogins record = FailedLogins.decode(failed.get(accountKey(account)));
            Optional<Duration> accountWait =
                    record == null ? Optional.empty() : record.waitFor(accountPolicy, Instant.now());
            if (accountWait.isEmpty()) {
                return OptionalLong.empty();
            }
            rejections(RateBudget.LOGIN_FAILURE, "user").inc();
            return OptionalLong.of(seconds(accountWait.get().toNanos()));
        } catch (RuntimeException e) {
            return letThrough(e);
        }
    }

    /** A wrong password for this user name from this address. */
    void loginFailed(String user, HttpServletRequest request) {
        if (!enabled) {
            return;
        }
        try {
            String address = addressKey(request);
            bucket(RateBudget.LOGIN_FAILURE, "address:" + address, clusterWide).tryConsume(1);
            String account = FailedLogins.canonical(user);
            Cache<String, String> failed = caches.failedLogins();
            failed.put(addressKey(account, address), "");
            Instant now = Instant.now();
            String key = accountKey(account);
            // A conditional write, which the replicated cache decides on one member: failures on two nodes at once
            // both count. A few tries: under a storm of them, a failure not counted beats a request thread spinning.
            for (int attempt = 0; attempt < 8; attempt++) {
                String before = failed.get(key);
                String after = FailedLogins.afterFailure(FailedLogins.decode(before), now)
                        .encode();
                if (before == null ? failed.putIfAbsent(key, after) == null : failed.replace(key, before, after)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            letThrough(e);
        }
    }

    /**
     * The right password from this address: it is no longer one that failed for the account (its owner's one typo
     * does not keep it waiting behind someone else's guessing).
     */
    void loginSucceeded(HttpServletRequest request) {
        if (!(request.getAttribute(FAILED_HERE) instanceof String marked)) {
            return; // loginBlocked found no mark: nothing to read again on the way of every Basic call
        }
        try {
            caches.failedLogins().remove(marked);
        } catch (RuntimeException e) {
            letThrough(e);
        }
    }

    private static String accountKey(String account) {
        return "account:" + account;
    }

    private static String addressKey(String account, String address) {
        return "address:" + account + " " + address;
    }

    /** Worked out once per request: sign-in and the rate-limit filter both ask. */
    private String addressKey(HttpServletRequest request) {
        if (request.getAttribute(ADDRESS_KEY) instanceof String known) {
            return known;
        }
        String key = ClientAddress.bucketKey(clientAddressOf(request));
        request.setAttribute(ADDRESS_KEY, key);
        return key;
    }

    /** The client's address: the connection's, or the trusted load balancer's X-Forwarded-For (the audit trail). */
    String clientAddressOf(HttpServletRequest request) {
        // Every X-Forwarded-For line, in order: a proxy may append its own line rather than extend the client's.
        String forwardedFor = request.getHeader("X-Forwarded-For") == null
                ? null
                : String.join(",", Collections.list(request.getHeaders("X-Forwarded-For")));
        return clientAddress.of(request.getRemoteAddr(), forwardedFor);
    }

    private BucketProxy bucket(RateBudget budget, String who, Map<RateBudget, BucketConfiguration> configurations) {
        BucketConfiguration configuration = configurations.get(budget);
        return buckets.builder().build(budget.label() + ":" + who, () -> configuration);
    }

    private Bucket localBucket(RateBudget budget, String who, Map<RateBudget, Long> perMinute) {
        return local.bucket(budget.label() + ":" + who, perMinute.get(budget));
    }

    private OptionalLong take(Bucket bucket, RateBudget budget, String scope) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        rejections(budget, scope).inc();
        return OptionalLong.of(seconds(probe.getNanosToWaitForRefill()));
    }

    /**
     * Every Basic call asks this, so it stays a local read while nobody failed: no bucket is made (and replicated)
     * for a name or address without failures; the replicated cache holds one, if any, on every node.
     */
    private OptionalLong peek(String who, Map<RateBudget, BucketConfiguration> configurations, String scope) {
        String key = RateBudget.LOGIN_FAILURE.label() + ":" + who;
        if (!caches.rateLimits().containsKey(key)) {
            return OptionalLong.empty();
        }
        EstimationProbe probe =
                bucket(RateBudget.LOGIN_FAILURE, who, configurations).estimateAbilityToConsume(1);
        if (probe.canBeConsumed()) {
            return OptionalLong.empty();
        }
        rejections(RateBudget.LOGIN_FAILURE, scope).inc();
        return OptionalLong.of(seconds(probe.getNanosToWaitForRefill()));
    }

    /** Retry-After in whole seconds, rounded up: never 0, which would invite an immediate retry. */
    private static long seconds(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999L));
    }

    /** The limiter protects the service; when its cache fails, serving beats refusing everyone. */
    private OptionalLong letThrough(RuntimeException e) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "Rate limits not checked (cache unavailable); requests let through", e);
        }
        return OptionalLong.empty();
    }

    private Counter rejections(RateBudget budget, String scope) {
        return metrics.counter(
                Metadata.builder()
                        .withName("intrapoll_rate_limited")
                        .withDescription("Requests refused with 429, by budget (vote, other, login-failure) and by "
                                + "whose budget ran out (user, address)")
                        .build(),
                new Tag("budget", budget.label()),
                new Tag("scope", scope));
    }
}
