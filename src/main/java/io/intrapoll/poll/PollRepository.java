package io.intrapoll.poll;

import io.intrapoll.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Stores and finds polls. */
@ApplicationScoped
public class PollRepository {

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    public Optional<Poll> find(PollId id) {
        return Optional.ofNullable(em.find(Poll.class, id.value()));
    }

    /** The poll as the API shows it, read in one transaction (its options and audience included). */
    @Transactional(Transactional.TxType.REQUIRED)
    Optional<PollView> view(PollId id) {
        return find(id).map(PollView::of);
    }

    /** The poll's version as this transaction sees it, also after a bulk update (which loaded entities miss). */
    long version(PollId id) {
        return em.createQuery("SELECT p.version FROM Poll p WHERE p.id = :id", Long.class)
                .setParameter("id", id.value())
                .getSingleResult();
    }

    void add(Poll poll) {
        em.persist(poll);
    }

    /**
     * Gives a changed poll its next version now. Hibernate leaves the version as it was when only an element
     * collection changed (the audience, the options), and the caches and ETags, which go by version, would keep
     * the poll as it was.
     */
    void nextVersion(Poll poll) {
        em.lock(poll, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
    }

    /** Reads the poll's row again, locked until the transaction ends. */
    void refreshLocked(Poll poll) {
        em.refresh(poll, LockModeType.PESSIMISTIC_WRITE);
    }

    void flush() {
        em.flush();
    }

    void remove(Poll poll) {
        em.remove(poll);
    }

    /** Every poll's type, by id: how its ballots count. */
    public Map<PollId, Counting> countingByPoll() {
        Map<PollId, Counting> counting = new HashMap<>();
        em.createQuery("SELECT p.id, p.type, p.language FROM Poll p", Object[].class)
                .getResultStream()
                .forEach(row ->
                        counting.put(new PollId((String) row[0]), new Counting((PollType) row[1], (String) row[2])));
        return counting;
    }

    /** What counting a poll's ballots needs to know: its type, and an open-text poll's language. */
    public record Counting(PollType type, String language) {}

    /** Every group named in some poll's audience: the only groups that matter for visibility. */
    List<String> audienceGroupsInUse() {
        return em.createQuery("SELECT DISTINCT g FROM Poll p JOIN p.audienceGroups g", String.class)
                .getResultList();
    }

    /**
     * A page of the polls the caller may see: admins all; others their own, and non-drafts whose audience is
     * everyone or includes one of their groups.
     */
    PollPage page(PollQuery query, Caller caller, Set<String> callerGroups) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (!caller.isAdmin()) {
            where.append(" AND (p.createdBy = :me OR (p.status <> io.intrapoll.poll.PollStatus.DRAFT AND"
                    + " (p.audienceGroups IS EMPTY");
            if (!callerGroups.isEmpty()) {
                where.append(" OR EXISTS (SELECT 1 FROM Poll a JOIN a.audienceGroups g WHERE a = p AND g IN :groups)");
            }
            where.append(")))");
        }
        if (query.status() != null) {
            where.append(" AND p.status = :status");
        }
        if (query.text() != null) {
            where.append(" AND LOWER(p.title) LIKE :text ESCAPE '!'");
        }
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(p) FROM Poll p" + where, Long.class);
        String order = query.closingFirst()
                ? " ORDER BY CASE WHEN p.closesAt IS NULL THEN 1 ELSE 0 END, p.closesAt, p.createdAt DESC, p.id"
                : " ORDER BY p.createdAt DESC, p.id";
        TypedQuery<Poll> items = em.createQuery("SELECT p FROM Poll p" + where + order, Poll.class);
        for (TypedQuery<?> q : List.of(count, items)) {
            if (!caller.isAdmin()) {
                q.setParameter("me", caller.name());
                if (!callerGroups.isEmpty()) {
                    q.setParameter("groups", callerGroups);
                }
            }
            if (query.status() != null) {
                q.setParameter("status", query.status());
            }
            if (query.text() != null) {
                q.setParameter("text", "%" + escapeLike(query.text().toLowerCase(Locale.ROOT)) + "%");
            }
        }
        List<PollView> views =
                items.setFirstResult(query.page() * query.size()).setMaxResults(query.size()).getResultList().stream()
                        .map(poll -> answersFor(poll, caller))
                        .toList();
        return new PollPage(views, query.page(), query.size(), count.getSingleResult());
    }

    /** A quiz's correct options only for those who may know them (its owner, admins, and all once it closed). */
    private static PollView answersFor(Poll poll, Caller caller) {
        PollView view = PollView.of(poll);
        return view.revealsAnswers() && !PollSnapshot.of(view).showsAnswersTo(caller) ? view.withoutAnswers() : view;
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** Polls whose opening time has passed and not yet been acted on. */
    List<PollId> dueOpenings(Instant now) {
        return em.createQuery(
                        "SELECT p.id FROM Poll p WHERE p.openScheduleFired = FALSE AND p.opensAt <= :now", String.class)
                .setParameter("now", now)
                .setMaxResults(100)
                .getResultStream()
                .map(PollId::new)
                .toList();
    }

    /** Polls whose closing time has passed and not yet been acted on. */
    List<PollId> dueClosings(Instant now) {
        return em.createQuery(
                        "SELECT p.id FROM Poll p WHERE p.closeScheduleFired = FALSE AND p.closesAt <= :now",
                        String.class)
                .setParameter("now", now)
                .setMaxResults(100)
                .getResultStream()
                .map(PollId::new)
                .toList();
    }

    /**
     * Acts on a poll's opening time: a DRAFT opens, any other status just marks the time as passed. Only one
     * server's update can match, so the poll opens exactly once however many servers run the schedule.
     *
     * @return whether this call opened the poll
     */
    /** A DRAFT poll's audience groups, read as values (no entity is loaded); empty for any other poll. */
    Optional<Set<String>> audienceIfDraft(PollId id) {
        List<PollStatus> status = em.createQuery("SELECT p.status FROM Poll p WHERE p.id = :id", PollStatus.class)
                .setParameter("id", id.value())
                .getResultList();
        if (status.isEmpty() || status.get(0) != PollStatus.DRAFT) {
            return Optional.empty();
        }
        return Optional.of(
                Set.copyOf(em.createQuery("SELECT g FROM Poll p JOIN p.audienceGroups g WHERE p.id = :id", String.class)
                        .setParameter("id", id.value())
                        .getResultList()));
    }

    boolean fireOpening(PollId id, Instant now, Integer electorate) {
        int opened = em.createQuery("UPDATE Poll p SET p.status = :open, p.openScheduleFired = TRUE,"
                        + " p.openedAt = :now, p.eligible = :eligible, p.version = p.version + 1"
                        + " WHERE p.id = :id AND p.openScheduleFired = FALSE AND p.status = :draft"
                        + " AND p.opensAt <= :now")
                .setParameter("open", PollStatus.OPEN)
                .setParameter("eligible", electorate)
                .setParameter("draft", PollStatus.DRAFT)
                .setParameter("id", id.value())
                .setParameter("now", now)
                .executeUpdate();
        if (opened == 0) {
            em.createQuery("UPDATE Poll p SET p.openScheduleFired = TRUE, p.version = p.version + 1"
                            + " WHERE p.id = :id AND p.openScheduleFired = FALSE AND p.opensAt <= :now")
                    .setParameter("id", id.value())
                    .setParameter("now", now)
                    .executeUpdate();
        }
        return opened == 1;
    }

    /** A closed poll whose retention has run out, as it was read: its erasure holds only if it still is so. */
    public record DueErasure(PollId id, Instant closedAt, int retentionDays) {}

    /** Closed polls whose retention has run out, neither held nor erased yet. */
    List<DueErasure> dueErasures(Instant now, Duration day) {
        return em.createQuery(
                        "SELECT p.id, p.closedAt, p.retentionDays FROM Poll p WHERE p.retentionDays IS NOT NULL"
                                + " AND p.legalHold = FALSE AND p.erasedAt IS NULL AND p.closedAt IS NOT NULL"
                                + " AND p.status IN :closed",
                        Object[].class)
                .setParameter("closed", List.of(PollStatus.CLOSED, PollStatus.ARCHIVED))
                .getResultStream()
                .filter(row -> !((Instant) row[1])
                        .plus(day.multipliedBy(((Number) row[2]).longValue()))
                        .isAfter(now))
                .map(row -> new DueErasure(new PollId((String) row[0]), (Instant) row[1], ((Number) row[2]).intValue()))
                .toList();
    }

    /**
     * Marks a closed poll erased, exactly once however many nodes try: only the update that finds it unerased, unheld
     * and closed changes it (a hold placed meanwhile wins).
     */
    boolean fireErasure(DueErasure due, Instant now) {
        // Its tallies' row first: a tally rebuild holds them all while it recounts, and must not count this poll's
        // ballots away with the tallies left (nor miss them).
        em.createNativeQuery("SELECT ballots FROM poll_tally WHERE poll_id = ?1 FOR UPDATE")
                .setParameter(1, due.id().value())
                .getResultList();
        // Still as it was read: not reopened and closed again, its retention not lengthened meanwhile.
        return em.createQuery("UPDATE Poll p SET p.erasedAt = :now, p.version = p.version + 1 WHERE p.id = :id"
                                + " AND p.erasedAt IS NULL AND p.legalHold = FALSE AND p.retentionDays = :days"
                                + " AND p.closedAt = :closedAt AND p.status IN :closed")
                        .setParameter("now", now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                        .setParameter("days", due.retentionDays())
                        .setParameter("closedAt", due.closedAt())
                        .setParameter("id", due.id().value())
                        .setParameter("closed", List.of(PollStatus.CLOSED, PollStatus.ARCHIVED))
                        .executeUpdate()
                == 1;
    }

    /** As {@link #fireOpening}, for the closing time: an OPEN poll closes, exactly once. */
    boolean fireClosing(PollId id, Instant now) {
        int closed = em.createQuery("UPDATE Poll p SET p.status = :closed, p.closeScheduleFired = TRUE,"
                        + " p.closedAt = :closedAt, p.version = p.version + 1 WHERE p.id = :id"
                        + " AND p.closeScheduleFired = FALSE AND p.status = :open AND p.closesAt <= :now")
                .setParameter("closed", PollStatus.CLOSED)
                .setParameter("closedAt", now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                .setParameter("open", PollStatus.OPEN)
                .setParameter("id", id.value())
                .setParameter("now", now)
                .executeUpdate();
        if (closed == 0) {
            em.createQuery("UPDATE Poll p SET p.closeScheduleFired = TRUE, p.version = p.version + 1"
                            + " WHERE p.id = :id AND p.closeScheduleFired = FALSE AND p.closesAt <= :now")
                    .setParameter("id", id.value())
                    .setParameter("now", now)
                    .executeUpdate();
        }
        return closed == 1;
    }
}
