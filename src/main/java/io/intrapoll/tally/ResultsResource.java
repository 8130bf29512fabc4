package io.intrapoll.tally;

import io.intrapoll.identity.Callers;
import io.intrapoll.poll.PollPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A poll's results (API.md, "Results"). */
@Path("/polls/{id}/results")
@ApplicationScoped
@Tag(name = "Results")
public class ResultsResource {

    @Inject
    ResultsService results;

    @Inject
    Callers callers;

    @Inject
    ResultsStreams streams;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getResults",
            summary = "Results",
            description = "Votes per option (first preferences for RANKED, with the instant-runoff rounds). "
                    + "AFTER_CLOSE polls show voters their results only once closed (403 until then).")
    @APIResponse(
            responseCode = "200",
            description = "The results",
            content = @Content(schema = @Schema(implementation = Results.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Results results(@PathParam("id") String id) {
        return results.results(PollPath.id(id), callers.current());
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(
            operationId = "streamResults",
            summary = "Results as they change",
            description = "Server-sent events: an event `results` with the results at once, then one whenever "
                    + "the tallies change (at most four a second), and a comment every 15 s to keep the stream open. "
                    + "Who may see the results may follow them (403 otherwise); the stream ends when they no longer "
                    + "may (the poll's audience or results visibility changed, it reopened, it was deleted) and with "
                    + "the sign-in it was opened with (sign-out, session end, token expiry). At most 10 streams (by default) per "
                    + "person on a server (429).")
    @APIResponse(responseCode = "200", description = "The stream of results events")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public void stream(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
        // Checked (404, 403) before the stream starts, so a refusal is an ordinary problem response.
        Results current = results.results(PollPath.id(id), callers.current());
        streams.subscribe(current, callers.authentication(), sink, sse);
    }
}
