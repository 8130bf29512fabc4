package io.intrapoll.admin;

import io.intrapoll.identity.Caller;
import io.intrapoll.platform.Problem;
import io.intrapoll.tally.RebuildReport;
import io.intrapoll.tally.ResultsService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin operations. */
@Path("/admin")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
public class AdminResource {

    @Inject
    ResultsService results;

    @Inject
    Caller caller;

    @POST
    @Path("tallies/rebuild")
    @Operation(summary = "Rebuild all tallies", description = "Recounts every poll's tallies from the counted ballots.")
    @APIResponse(
            responseCode = "200",
            description = "What was recounted",
            content = @Content(schema = @Schema(implementation = RebuildReport.class)))
    @APIResponse(
            responseCode = "403",
            description = "Not an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RebuildReport rebuildTallies() {
        return results.rebuild(caller);
    }
}
