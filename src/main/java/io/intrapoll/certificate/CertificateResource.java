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

/**
 * A closed poll's results certificate (API.md, "Receipts anyone can check"). Its own root path, as each of a poll's
 * sub-resources: a class at /polls/{id} would take every /polls/{id}/... request from PollsResource.
 */
@Path("/polls/{id}/certificate")
@ApplicationScoped
@Tag(name = "Results")
public class CertificateResource {

    @Inject
    ResultsCertificates certificates;

    @Inject
    Callers callers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getResultsCertificate",
            summary = "The signed results certificate",
            description = "Once the poll is closed and every accepted ballot counted: the final results and the"
                    + " RFC 6962 Merkle tree head over the counted ballots' commitments, signed ES256 (the JWS header's"
                    + " kid names a key of GET /api/v1/keys). Made once per close, the same for every caller and node.")
    @APIResponse(
            responseCode = "200",
            description = "The certificate",
            content = @Content(schema = @Schema(implementation = CertificateView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict") // not closed yet, or not every ballot counted yet
    public CertificateView certificate(@PathParam("id") String id) {
        return certificates.certificate(PollPath.id(id), callers.current());
    }

    @GET
    @Path("leaves")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getCertifiedLeaves",
            summary = "Every leaf of the certified tree",
            description = "The counted ballots' commitments, ascending, for whoever may see the poll: a voter's page"
                    + " finds its own among them and builds the inclusion proof itself, so no request names the"
                    + " voter's commitment (an anonymous poll's access log would tie it to the voter otherwise).")
    @APIResponse(
            responseCode = "200",
            description = "The leaves",
            content = @Content(schema = @Schema(implementation = CertifiedLeaves.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict") // not closed, not all counted, or its ballots erased
    public CertifiedLeaves leaves(@PathParam("id") String id) {
        return certificates.leaves(PollPath.id(id), callers.current());
    }
}
