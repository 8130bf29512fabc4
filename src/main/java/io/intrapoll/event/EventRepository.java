package io.intrapoll.event;

import io.intrapoll.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Stores and finds events, their polls, questions and upvotes. */
@ApplicationScoped
class EventRepository {

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    Optional<LiveEvent> find(String id) {
        return Optional.ofNullable(em.find(LiveEvent.class, id));
    }

    /** The event locked for this transaction: its changes (present, end, pin) happen one at a time. */
    Optional<LiveEvent> lock(String id) {
        return Optional.ofNullable(em.find(LiveEvent.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    Optional<LiveEvent> findLive(String code) {
        return em.createQuery("SELECT e FROM LiveEvent e WHERE e.liveCode = :code", LiveEvent.class)
                .setParameter("code", code)
                .getResultStream()
                .findFirst();
    }

    boolean codeInUse(String code) {
        return findLive(code).isPresent();
    }

    void add(LiveEvent event) {
        em.persist(event);
    }

    void remove(LiveEvent event) {
        em.remove(event);
    }

    /** The next version now, though no column of the event's own changed. */
    void nextVersion(LiveEvent event) {
        em.lock(event, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
    }

    void flush() {
        em.flush();
    }

    List<String> pollIds(String eventId) {
        return em.createQuery(
                        "SELECT p.pollId FROM EventPoll p WHERE p.eventId = :event ORDER BY p.addedAt, p.pollId",
                        String.class)
                .setParameter("event", eventId)
                .getResultList();
    }

    /** The event a poll belongs to, if any. */
    Optional<String> eventOf(String pollId) {
        return Optional.ofNullable(em.find(EventPoll.class, pollId)).map(EventPoll::eventId);
    }

    /**
     * Puts a poll in an event unless it is in one already (the poll's id is the row's key, so two events adding it
     * at once get one row); the event it is in now.
     */
    String addPoll(String eventId, String pollId, Instant now) {
        em.createNativeQuery("INSERT INTO live_event_poll (poll_id, event_id, added_at) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT DO NOTHING")
                .setParameter(1, pollId)
                .setParameter(2, eventId)
                .setParameter(3, now)
                .executeUpdate();
        return eventOf(pollId).orElse(eventId);
    }

    /** A page of the events the caller may see, newest first. */
    List<LiveEvent> page(Caller caller, Optional<EventStatus> status, int page, int size) {
        TypedQuery<LiveEvent> query = visible(
                caller, status, "SELECT e FROM LiveEvent e", " ORDER BY e.createdAt DESC, e.id", LiveEvent.class);
        return query.setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    long count(Caller caller, Optional<EventStatus> status) {
        return visible(caller, status, "SELECT COUNT(e) FROM LiveEvent e", "", Long.class)
                .getSingleResult();
    }

    private <T> TypedQuery<T> visible(
            Caller caller, Optional<EventStatus> status, String select, String order, Class<T> type) {
        StringBuilder jpql =
                new StringBuilder(select).append(" WHERE ").append(status.isPresent() ? "e.status = :status" : "1 = 1");
        if (!caller.isAdmin()) {
            jpql.append(" AND (e.createdBy = :me OR e.audienceGroups IS EMPTY OR EXISTS (SELECT g FROM LiveEvent o"
                    + " JOIN o.audienceGroups g WHERE o = e AND g IN :groups))");
        }
        TypedQuery<T> query = em.createQuery(jpql.append(order).toString(), type);
        status.ifPresent(wanted -> query.setParameter("status", wanted));
        if (!caller.isAdmin()) {
            // IN () is no valid SQL: a group name nobody can have stands in for none.
            Set<String> groups = new HashSet<>(caller.groups());
            groups.add("");
            query.setParameter("me", caller.name()).setParameter("groups", groups);
        }
        return query;
    }

    Optional<Question> question(String eventId, String questionId) {
        return Optional.ofNullable(em.find(Question.class, questionId))
                .filter(question -> question.eventId().equals(eventId));
    }

    /** The question locked: a moderator's change and an upvote's count apply one after the other. */
    Optional<Question> lockQuestion(String eventId, String questionId) {
        return Optional.ofNullable(em.find(Question.class, questionId, LockModeType.PESSIMISTIC_WRITE))
                .filter(question -> question.eventId().equals(eventId));
    }

    List<Question> questions(String eventId) {
        return em.createQuery("SELECT q FROM Question q WHERE q.eventId = :event", Question.class)
                .setParameter("event", eventId)
                .getResultList();
    }

    List<Question> questions(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT q FROM Question q WHERE q.id IN :ids", Question.class)
                .setParameter("ids", ids)
                .getResultList();
    }

    void add(Question question) {
        em.persist(question);
    }

    /** The questions of the event this person has upvoted. */
    Set<String> upvotedBy(String eventId, String voter) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("SELECT u.question_id FROM question_upvote u"
                        + " JOIN question q ON q.id = u.question_id WHERE q.event_id = ?1 AND u.voter = ?2")
                .setParameter(1, eventId)
                .setParameter(2, voter)
                .getResultList();
        return Set.copyOf(ids);
    }

    /**
     * One upvote per person: the row's primary key decides, so two requests at once count once. The count is
     * changed by the same statement sequence, never read and written back.
     *
     * @return whether this call added the upvote
     */
    boolean upvote(String questionId, String voter) {
        int added = em.createNativeQuery(
                        "INSERT INTO question_upvote (question_id, voter) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, questionId)
                .setParameter(2, voter)
                .executeUpdate();
        if (added == 1) {
            changeUpvotes(questionId, 1);
        }
        return added == 1;
    }

    /** @return whether this call withdrew an upvote */
    boolean withdrawUpvote(String questionId, String voter) {
        int removed = em.createNativeQuery("DELETE FROM question_upvote WHERE question_id = ?1 AND voter = ?2")
                .setParameter(1, questionId)
                .setParameter(2, voter)
                .executeUpdate();
        if (removed == 1) {
            changeUpvotes(questionId, -1);
        }
        return removed == 1;
    }

    private void changeUpvotes(String questionId, int change) {
        em.createNativeQuery("UPDATE question SET upvotes = upvotes + ?1, version = version + 1 WHERE id = ?2")
                .setParameter(1, change)
                .setParameter(2, questionId)
                .executeUpdate();
    }

    /** Unpins the event's pinned questions but the given one; the ids of those it unpinned. */
    List<String> unpinOthers(String eventId, String keptId) {
        List<Question> pinned = em.createQuery(
                        "SELECT q FROM Question q WHERE q.eventId = :event AND q.pinned = TRUE AND q.id <> :kept",
                        Question.class)
                .setParameter("event", eventId)
                .setParameter("kept", keptId)
                // Locked, so an upvote's count (which moves the version) waits rather than fail this change.
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        pinned.forEach(question -> question.pin(false));
        return pinned.stream().map(Question::id).toList();
    }
}
