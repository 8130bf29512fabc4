package io.intrapoll.certificate;

import io.intrapoll.identity.AuditAction;
import io.intrapoll.identity.AuditTrail;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.platform.Sha256;
import io.intrapoll.poll.Poll;
import io.intrapoll.poll.PollCache;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollStatus;
import io.intrapoll.tally.Results;
import io.intrapoll.tally.ResultsService;
import io.intrapoll.vote.CountedCommitments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes a closed poll's certificate, once per close in the whole cluster: under a lock on the poll's row, the first
 * node asked builds the Merkle tree over the counted ballots' commitments, records the signing in the audit trail,
 * signs the payload (with the audit trail's new head in it) and stores it; every later request reads the stored one.
 */
@ApplicationScoped
class CertificateSigning {

    static final String ACTOR = "certificate";
    private static final Jsonb JSON = JsonbBuilder.create();
    private static final Clock CLOCK = Clock.systemUTC();

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    @Inject
    CountedCommitments counted;

    @Inject
    ResultsService results;

    @Inject
    SigningKeys keys;

    @Inject
    AuditTrail audit;

    /** How long a vote may take to become durable: one accepted just before the close reaches the broker by then. */
    @Inject
    @ConfigProperty(name = "intrapoll.intake.wait-ms")
    long intakeWaitMillis;

    /**
     * Beyond the intake's wait: a node whose poll cache had not heard of the close yet, and clocks that differ
     * between nodes. No ballot accepted for the poll reaches the broker later than its close plus both.
     */
    private static final Duration SETTLE_GRACE = Duration.ofSeconds(5);

    /** The stored certificate of the poll's last close, without a lock; empty if none was made yet. */
    @Transactional(Transactional.TxType.SUPPORTS)
    Optional<PollCertificate> stored(PollId id) {
        Poll poll = em.find(Poll.class, id.value());
        if (poll == null || poll.closedAt() == null || !isClosed(poll.status())) {
            return Optional.empty(); // a reopened poll is certified again when it closes again
        }
        return Optional.ofNullable(
                em.find(PollCertificate.class, new PollCertificate.Key(id.value(), poll.closedAt())));
    }

    /**
     * The certificate of the poll's last close: the stored one, or one made now if every ballot is counted. The
     * caller has checked that no ballot of the poll waits on the queue.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    PollCertificate signOnce(PollId id) {
        Poll poll = em.find(Poll.class, id.value(), LockModeType.PESSIMISTIC_WRITE);
        if (poll == null) {
            throw ProblemException.notFound("There is no poll " + id + ".");
        }
        if (!isClosed(poll.status())) {
            throw notClosed(poll.status());
        }
        PollCertificate existing = em.find(PollCertificate.class, new PollCertificate.Key(id.value(), poll.closedAt()));
        if (existing != null) {
            return existing;
        }
        if (CLOCK.instant()
                .isBefore(poll.closedAt().plusMillis(intakeWaitMillis).plus(SETTLE_GRACE))) {
            throw notCounted(); // a ballot accepted just before the close may still be on its way to the broker
        }
        if (!counted.isEveryParticipationCounted(id)) {
            throw notCounted();
        }
        List<String> commitments = counted.ascending(id);
        MerkleTree tree = MerkleTree.overHex(commitments);
        String root = MerkleTree.hex(tree.root());
        PollCache.Cached cached = results.poll(id).orElseThrow(() -> ProblemException.notFound("There is no poll."));
        Results finalResults = results.fromDatabase(cached);
        String kid = keys.signingKeyId();
        var head = audit.record(
                ACTOR,
                AuditAction.POLL_CERTIFIED,
                id.value(),
                "Merkle root " + root + ", " + tree.size() + " ballots, key " + kid);
        CertificatePayload payload = new CertificatePayload(
                id.value(),
                Sha256.hex(JSON.toJson(PollDefinition.of(cached.view()))),
                poll.closedAt(),
                finalResults.totalBallots(),
                finalResults,
                root,
                new CertificatePayload.AuditHead(head.seq(), head.seal()));
        String payloadJson = JSON.toJson(payload);
        String signingInput =
                SigningKeys.base64url(("{\"alg\":\"ES256\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8))
                        + "."
                        + SigningKeys.base64url(payloadJson.getBytes(StandardCharsets.UTF_8));
        String jws =
                signingInput + "." + SigningKeys.base64url(keys.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
        PollCertificate certificate = new PollCertificate(
                id.value(), poll.closedAt(), root, tree.size(), payloadJson, jws, kid, CLOCK.instant());
        em.persist(certificate);
        return certificate;
    }

    private static boolean isClosed(PollStatus status) {
        return status == PollStatus.CLOSED || status == PollStatus.ARCHIVED;
    }

    static ProblemException notClosed(PollStatus status) {
        return ProblemException.conflict(
                "poll-not-closed",
                "Poll not closed",
                "This poll is " + status + "; its results are certified once it is closed and every ballot counted.");
    }

    static ProblemException notCounted() {
        return ProblemException.conflict(
                "not-all-counted",
                "Not all counted yet",
                "Some of this poll's accepted ballots are still being counted; the certificate is made once all are."
                        + " Try again in a few seconds.");
    }
}
