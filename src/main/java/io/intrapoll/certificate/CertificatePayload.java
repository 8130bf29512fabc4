package io.intrapoll.certificate;

import io.intrapoll.tally.Results;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a results certificate signs: exactly the JWS's payload. */
@Schema(name = "CertificatePayload")
public record CertificatePayload(
        String pollId,

        @Schema(
                description = "Hex SHA-256 of the poll's definition as certified (title, description, type, options,"
                        + " rules, audience, decision, electorate, author, creation)")
        String definitionHash,

        Instant closedAt,
        long totalBallots,

        @Schema(description = "The final results, as GET /polls/{id}/results shows them")
        Results results,

        @Schema(
                description =
                        "Lower-case hex RFC 6962 Merkle tree head over the counted ballots' commitments, ascending")
        String merkleRoot,

        @Schema(description = "The audit trail's head once the signing was recorded in it")
        AuditHead auditHead) {

    @Schema(name = "AuditHead")
    public record AuditHead(long seq, String hash) {}
}
