package io.intrapoll.tally;

import io.intrapoll.identity.Callers;
import io.intrapoll.platform.Problem;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.poll.PollPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A poll's results (API.md, "Results"). */
@Path("/polls/{id}/results")
@ApplicationScoped
@Tag(name = "Results")
public class ResultsResource {

    /** How long a copy of the results may be used: the live pages' own refresh rate is a few a second. */
    static final int MAX_AGE_SECONDS = 1;

    @Inject
    ResultsService results;

    @Inject
    Breakdowns breakdowns;

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
                    + "AFTER_CLOSE polls show voters their results only once closed (403 until then). "
                    + "?by=group answers getResultsByGroup's Breakdown instead (API.md's address for it; left out of"
                    + " this operation's parameters so that clients generated before it keep their signatures).")
    @APIResponse(
            responseCode = "200",
            description = "The results. The ETag names the tally revision (and the poll's version); they may be "
                    + "kept for a second: privately, or by shared caches too when every voter may read them.",
            headers = {
                @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "Cache-Control", schema = @Schema(type = SchemaType.STRING))
            },
            content = @Content(schema = @Schema(implementation = Results.class)))
    @APIResponse(responseCode = "304", description = "Not modified: If-None-Match named the current ETag")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public Response results(
            @PathParam("id") String id,
            @Parameter(hidden = true) @QueryParam("by") String by,
            @Context Request request) {
        if (by != null) {
            if (!by.equals("group")) {
                throw ProblemException.badRequest(
                        "Results break down only by group.",
                        List.of(new Problem.FieldError("by", "must be group (or left out)")));
            }
            return byGroup(id);
        }
        ResultsService.ResultsBody current = results.resultsBody(PollPath.id(id), callers.current());
        EntityTag tag = new EntityTag(current.etag());
        Response.ResponseBuilder answer = request.evaluatePreconditions(tag);
        if (answer == null) {
            answer = Response.ok(current.json(), MediaType.APPLICATION_JSON_TYPE);
        } else if (answer.build().getStatus() == Response.Status.PRECONDITION_FAILED.getStatusCode()) {
            throw ProblemException.preconditionFailed( // If-Match named another state: a problem, as every refusal
                    "The results are at " + tag.getValue() + "; If-Match named another.");
        }
        answer.tag(tag);
        if (current.openToEveryVoter()) {
            // A shared cache (HAProxy's, a CDN) may serve them to every voter; one that keys on credentials keeps a
            // copy per Authorization header.
            answer.header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + MAX_AGE_SECONDS)
                    .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION);
        } else {
            answer.header(HttpHeaders.CACHE_CONTROL, "private, max-age=" + MAX_AGE_SECONDS);
        }
        return answer.build();
    }

    @GET
    @Path("groups")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getResultsByGroup",
            summary = "Results by group",
            description = "A closed poll's results per breakdown group (also at .../results?by=group), for whoever may"
                    + " read its results, once every ballot is surely counted (seconds after the close); then fixed,"
                    + " and the poll does not reopen. A group with fewer than intrapoll.breakdown.min-group-size (5)"
                    + " ballots, or one needed to work out a set of fewer ballots from the figures shown, shows only"
                    + " suppressed: true.")
    @APIResponse(
            responseCode = "200",
            description = "The breakdown",
            content = @Content(schema = @Schema(implementation = Breakdown.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(
            responseCode = "409",
            ref = "Conflict") // no-breakdown, poll-not-closed, not-all-counted, erased (none kept)
    public Response byGroup(@PathParam("id") String id) {
        // For those who may read the results only, so never in a shared cache.
        return Response.ok(breakdowns.breakdown(PollPath.id(id), callers.current()), MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .build();
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
    @APIResponse(
            responseCode = "200",
            description = "The stream of results events; each event's data is a Results object",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public void stream(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
        // Checked (404, 403) before the stream starts, so a refusal is an ordinary problem response.
        Results current = results.results(PollPath.id(id), callers.current());
        streams.subscribe(current, callers.authentication(), sink, sse);
    }
}
