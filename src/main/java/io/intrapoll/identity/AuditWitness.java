package io.intrapoll.identity;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/**
 * Exports the audit chain's head where the database cannot rewrite it: a log line whenever it moved (and hourly
 * all the same), and two gauges Prometheus keeps the history of. Whoever rewrites the trail in the database also
 * changes the head, and the logs and Prometheus still show what it was.
 */
@ApplicationScoped
public class AuditWitness {

    private static final Logger LOG = Logger.getLogger(AuditWitness.class.getName());
    private static final long UNCHANGED_EVERY_NANOS = Duration.ofHours(1).toNanos();

    @Inject
    AuditTrail trail;

    @Inject
    @ConfigProperty(name = "intrapoll.audit.witness-seconds")
    long periodSeconds;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile AuditTrail.Head exported;
    private long exportedAt;
    private ScheduledFuture<?> schedule;

    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the @PostConstruct below does the work
    }

    @PostConstruct
    void start() {
        schedule = scheduler.scheduleWithFixedDelay(this::export, periodSeconds, periodSeconds, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    void export() {
        try {
            AuditTrail.Head head = trail.head();
            long now = System.nanoTime();
            if (!head.equals(exported) || now - exportedAt > UNCHANGED_EVERY_NANOS) {
                LOG.info("Audit trail head: entry " + head.seq() + ", seal " + head.seal());
                exported = head;
                exportedAt = now;
            }
        } catch (RuntimeException e) { // the database away: the next period tries again
            LOG.log(Level.FINE, "The audit trail's head could not be read", e);
        }
    }

    @Gauge(
            name = "intrapoll_audit_head_seq",
            description = "The audit trail's last entry number, as last read (a witness outside the database)",
            unit = MetricUnits.NONE,
            absolute = true)
    public long headSeq() {
        AuditTrail.Head head = exported;
        return head == null ? -1 : head.seq();
    }

    @Gauge(
            name = "intrapoll_audit_head_fingerprint",
            description = "The first 48 bits of the audit trail head's seal, as last read (a witness outside the"
                    + " database)",
            unit = MetricUnits.NONE,
            absolute = true)
    public long headFingerprint() {
        AuditTrail.Head head = exported;
        return head == null ? -1 : Long.parseLong(head.seal().substring(0, 12), 16);
    }
}
