package io.intrapoll.certificate;

import io.intrapoll.identity.Caller;
import io.intrapoll.platform.Problem.FieldError;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.poll.ErasureDue;
import io.intrapoll.poll.PollCache;
import io.intrapoll.poll.PollId;
import io.intrapoll.tally.QueueWatch;
import io.intrapoll.tally.ResultsService;
import io.intrapoll.vote.Commitment;
import io.intrapoll.vote.CountedCommitments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** A closed poll's results certificate and inclusion proofs, for whoever may see them. */
@ApplicationScoped
public class ResultsCertificates {

    @Inject
    ResultsService results;

    @Inject
    QueueWatch queue;

    @Inject
    CertificateSigning signing;

    @Inject
    CountedCommitments counted;

    /** For whoever may see the poll's results (they are in it). */
    public CertificateView certificate(PollId id, Caller caller) {
        results.results(id, caller); // 404 or 403 as for the results themselves
        PollCertificate certificate = certified(id);
        JsonObject payload =
                Json.createReader(new StringReader(certificate.payload())).readObject();
        return new CertificateView(certificate.jws(), payload);
    }

    /**
     * Where a commitment sits in the certified tree, as the counted ballots stand now: if a counted ballot was
     * changed since, the path leads to another root than the certificate's, and a check finds it.
     */
    public InclusionProof proof(PollId id, String commitmentText, Caller caller) {
        PollCache.Cached poll = visible(id, caller);
        requireNotErased(poll);
        String commitment = commitmentText.toLowerCase(Locale.ROOT);
        if (!Commitment.isWellFormed(commitment)) {
            throw ProblemException.badRequest(
                    "A commitment is the hex SHA-256 of a receipt's tracker and its ballot's choices.",
                    List.of(new FieldError("commitment", "must be 64 hex digits")));
        }
        certified(id);
        List<String> commitments = counted.ascending(id);
        int index = Collections.binarySearch(commitments, commitment);
        if (index < 0) {
            throw ProblemException.notFound("No counted ballot of this poll has this commitment.");
        }
        MerkleTree tree = MerkleTree.overHex(commitments);
        return new InclusionProof(
                index,
                tree.size(),
                tree.path(index).stream().map(MerkleTree::hex).toList(),
                MerkleTree.hex(tree.root()));
    }

    /**
     * Before a poll's ballots are erased under its retention, its certificate over them: made now if nobody asked for
     * it yet. Throws while a ballot is still being counted, and the erasure waits.
     */
    void certifyBeforeErasure(@Observes ErasureDue due) {
        certified(due.pollId());
    }

    /**
     * Every commitment of the certified tree, for whoever may see the poll: a browser builds its own ballot's path
     * from them (API.md's proof endpoint names the commitment in its address, which access logs keep).
     */
    public CertifiedLeaves leaves(PollId id, Caller caller) {
        PollCache.Cached poll = visible(id, caller);
        requireNotErased(poll);
        certified(id);
        List<String> commitments = counted.ascending(id);
        return new CertifiedLeaves(
                commitments.size(),
                commitments,
                MerkleTree.hex(MerkleTree.overHex(commitments).root()));
    }

    private PollCache.Cached visible(PollId id, Caller caller) {
        PollCache.Cached poll =
                results.poll(id).orElseThrow(() -> ProblemException.notFound("There is no poll " + id + "."));
        if (!poll.rules().isVisibleTo(caller)) {
            throw ProblemException.forbidden("This poll is not open to you.");
        }
        return poll;
    }

    /** After erasure the leaves are gone: a check can no longer run (the certificate stays). */
    private static void requireNotErased(PollCache.Cached poll) {
        if (poll.view().erasedAt() != null) {
            throw ProblemException.conflict(
                    "erased",
                    "Its ballots are erased",
                    "This poll's ballots were erased under its retention on "
                            + poll.view().erasedAt()
                            + ": its certificate stays, but no ballot can be checked against it any more.");
        }
    }

    private PollCertificate certified(PollId id) {
        return signing.stored(id).orElseGet(() -> {
            PollCache.Cached poll =
                    results.poll(id).orElseThrow(() -> ProblemException.notFound("There is no poll " + id + "."));
            if (!poll.rules().isClosed()) {
                throw CertificateSigning.notClosed(poll.rules().status());
            }
            if (!queue.isDrained(id)) {
                throw CertificateSigning.notCounted();
            }
            return signing.signOnce(id);
        });
    }
}
