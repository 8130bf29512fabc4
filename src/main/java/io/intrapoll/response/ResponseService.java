package io.intrapoll.response;

import io.intrapoll.identity.AuditAction;
import io.intrapoll.identity.AuditTrail;
import io.intrapoll.identity.Caller;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.platform.SqlValues;
import io.intrapoll.poll.PollCache;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollSnapshot;
import io.intrapoll.poll.PollType;
import io.intrapoll.tally.TallyDeltas;
import io.intrapoll.tally.TallyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and moderates the counted answers of OPEN_TEXT polls. Hiding or showing an answer changes its words in the
 * tallies in the same transaction, through the tallies' owner, so the word cloud and every results stream follow.
 */
@ApplicationScoped
public class ResponseService {

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    @Inject
    PollCache polls;

    @Inject
    TallyRepository tallies;

    @Inject
    AuditTrail audit;

    /** Owners and admins: every answer; voters who may see the results: the visible ones. Newest first. */
    @Transactional
    public TextResponse.Page list(PollId id, int page, int size, Caller caller) {
        PollSnapshot poll = openText(id, caller);
        boolean moderator = poll.isManageableBy(caller);
        if (!moderator && !poll.showsResultsTo(caller)) {
            throw ProblemException.forbidden("The answers of this poll are shown once it is closed.");
        }
        String visibleOnly = moderator ? "" : " AND hidden = FALSE AND held = FALSE";
        long total = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM ballot WHERE poll_id = ?1" + visibleOnly)
                        .setParameter(1, id.value())
                        .getSingleResult())
                .longValue();
        List<TextResponse> items = new ArrayList<>();
        for (Object row : em.createNativeQuery("SELECT id, choices, accepted_at, hidden, held FROM ballot"
                        + " WHERE poll_id = ?1" + visibleOnly + " ORDER BY accepted_at DESC, id")
                .setParameter(1, id.value())
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultList()) {
            TextResponse response = response((Object[]) row);
            items.add(moderator ? response : response.forVoters());
        }
        return new TextResponse.Page(items, page, size, total);
    }

    /**
     * Hides an answer (its words leave the word cloud) or shows it (held answers too). Doing what is already done
     * changes nothing.
     */
    @Transactional
    public TextResponse moderate(PollId id, String responseId, boolean show, Caller caller) {
        PollSnapshot poll = openText(id, caller);
        if (!poll.isManageableBy(caller)) {
            throw ProblemException.forbidden("Only the poll's owner or an admin moderates its answers.");
        }
        List<?> rows = em.createNativeQuery("SELECT id, choices, accepted_at, hidden, held FROM ballot"
                        + " WHERE poll_id = ?1 AND id = ?2 FOR UPDATE")
                .setParameter(1, id.value())
                .setParameter(2, responseId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("This poll has no answer " + responseId + ".");
        }
        TextResponse before = response((Object[]) rows.get(0));
        boolean wasShown = !before.hidden() && !before.held();
        TextResponse after = new TextResponse(before.id(), before.text(), before.submittedAt(), !show, false);
        if (show ? wasShown : before.hidden()) {
            return before;
        }
        em.createNativeQuery("UPDATE ballot SET hidden = ?1, held = FALSE WHERE poll_id = ?2 AND id = ?3")
                .setParameter(1, !show)
                .setParameter(2, id.value())
                .setParameter(3, responseId)
                .executeUpdate();
        if (wasShown != show) {
            TallyDeltas deltas = new TallyDeltas();
            deltas.changeKeys(
                    id,
                    TallyDeltas.countedKeys(PollType.OPEN_TEXT, poll.answer().language(), List.of(before.text())),
                    show ? 1 : -1);
            tallies.add(deltas, 0, List.of());
        }
        audit.record(
                caller.name(), show ? AuditAction.RESPONSE_SHOWN : AuditAction.RESPONSE_HIDDEN, id.value(), responseId);
        return after;
    }

    private PollSnapshot openText(PollId id, Caller caller) {
        PollSnapshot poll = polls.find(id).orElseThrow(() -> ProblemException.notFound("There is no poll " + id + "."));
        if (!poll.isVisibleTo(caller)) {
            throw ProblemException.forbidden("This poll is not open to you.");
        }
        if (poll.type() != PollType.OPEN_TEXT) {
            throw ProblemException.notFound("This poll is " + poll.type() + "; only OPEN_TEXT polls have answers.");
        }
        return poll;
    }

    private static TextResponse response(Object[] row) {
        return new TextResponse(
                (String) row[0], (String) row[1], SqlValues.instant(row[2]), (Boolean) row[3], (Boolean) row[4]);
    }
}
