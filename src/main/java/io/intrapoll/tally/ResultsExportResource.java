package io.intrapoll.tally;

import io.intrapoll.identity.Callers;
import io.intrapoll.poll.PollPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A poll's results as a CSV download (its own class: JAX-RS matches one class per request path). */
@Path("/polls/{id}/results.csv")
@ApplicationScoped
@Tag(name = "Results")
public class ResultsExportResource {

    @Inject
    ResultsService results;

    @Inject
    Callers callers;

    @GET
    @Produces("text/csv")
    @Operation(
            operationId = "exportResultsCsv",
            summary = "Results as CSV",
            description = "Owner or admin. One row per option (QUIZ: with a correct column once closed); RATING "
                    + "and NPS: one row per value of the scale; OPEN_TEXT: one row per word, every word.")
    @APIResponse(
            responseCode = "200",
            description = "option_id,label,votes,percent[,correct]; value,votes,percent; or word,count")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response csv(@PathParam("id") String id) {
        Results export = results.export(PollPath.id(id), callers.current());
        return Response.ok(ResultsCsv.of(export), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"results-" + export.pollId() + ".csv\"")
                .build();
    }
}
