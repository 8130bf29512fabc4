package io.intrapoll.certificate;

import io.intrapoll.identity.Callers;
import io.intrapoll.poll.PollPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Inclusion proofs in a poll's certified Merkle tree (API.md, "Receipts anyone can check"). */
@Path("/polls/{id}/proof")
@ApplicationScoped
@Tag(name = "Results")
public class ProofResource {

    @Inject
    ResultsCertificates certificates;

    @Inject
    Callers callers;

    @GET
    @Path("{commitment}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getInclusionProof",
            summary = "A ballot's inclusion proof",
            description = "Where a counted ballot's commitment sits in the certified Merkle tree: the audit path from"
                    + " its leaf up (RFC 9162). A voter's page recomputes the commitment from the receipt's tracker and"
                    + " the ballot's choices, and checks the path against the certificate's signed root.")
    @APIResponse(
            responseCode = "200",
            description = "The proof",
            content = @Content(schema = @Schema(implementation = InclusionProof.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound") // no such poll, or no counted ballot with this commitment
    @APIResponse(responseCode = "409", ref = "Conflict") // not closed yet, or not every ballot counted yet
    public InclusionProof proof(@PathParam("id") String id, @PathParam("commitment") String commitment) {
        return certificates.proof(PollPath.id(id), commitment, callers.current());
    }
}
