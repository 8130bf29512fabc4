package io.intrapoll.event;

import io.intrapoll.identity.Caller;
import io.intrapoll.identity.Callers;
import io.intrapoll.platform.IfMatch;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.platform.RecordBodyReader;
import io.intrapoll.platform.WholeNumber;
import io.intrapoll.poll.PollId;
import io.intrapoll.quiz.Leaderboard;
import io.intrapoll.quiz.LeaderboardService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Events: create, read, list, change, end, delete, their polls, the presenter's choice and the stream. */
@Path("/events")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
@APIResponse(responseCode = "401", ref = "Unauthorized")
public class EventsResource {

    private static final int MAX_SIZE = 100;

    @Inject
    EventService service;

    @Inject
    EventStreams streams;

    @Inject
    LeaderboardService leaderboards;

    @Inject
    Callers callers;

    @Context
    UriInfo uriInfo;

    /** A poll named in a body: to add to the event, or to present (null: the Q&A). */
    @Schema(name = "PollReference")
    public record PollReference(
            @Schema(nullable = true, example = "3f2c1e9a-6b7d-4c1e-9a3f-2c1e9a6b7d4c")
            String pollId) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createEvent",
            summary = "Create an event",
            description = "Authors and admins. The event is LIVE at once, with a join code unique among live events.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = EventInput.class),
                            examples =
                                    @ExampleObject(
                                            name = "all-hands",
                                            value =
                                                    "{\"title\": \"All-hands, December\", \"audienceGroups\": [],"
                                                            + " \"qa\": {\"enabled\": true, \"anonymousQuestions\": true, \"moderated\": false}}")))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    public Response create(EventInput input) {
        EventView event = service.create(input, callers.current());
        return Response.created(uriInfo.getBaseUriBuilder()
                        .path("events")
                        .path(event.id())
                        .build())
                .tag(new EntityTag(event.etag()))
                .entity(event)
                .build();
    }

    @GET
    @Operation(
            operationId = "listEvents",
            summary = "List the events you may see",
            description = "Newest first. Admins see every event; others their own and those of their audience.")
    @APIResponse(
            responseCode = "200",
            description = "A page of events",
            content = @Content(schema = @Schema(implementation = EventView.Page.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public EventView.Page list(
            @QueryParam("status") @Parameter(schema = @Schema(enumeration = {"LIVE", "ENDED"})) String status,
            @QueryParam("page")
                    @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
                    @WholeNumber(min = 0, max = Integer.MAX_VALUE / MAX_SIZE)
                    String page,
            @QueryParam("size")
                    @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "100",
                                            defaultValue = "20"))
                    @WholeNumber(min = 1, max = MAX_SIZE)
                    String size) {
        return service.list(status(status), number(page, 0), number(size, 20), callers.current());
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getEvent", summary = "Read an event", description = "Anyone in the event's audience.")
    @APIResponse(
            responseCode = "200",
            description = "The event",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "304", description = "Not modified")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") String id, @Context Request request) {
        EventView event = service.get(id, callers.current());
        EntityTag tag = new EntityTag(event.etag());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null && notModified.build().getStatus() == Response.Status.NOT_MODIFIED.getStatusCode()) {
            return notModified.tag(tag).build();
        }
        return Response.ok(event).tag(tag).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, RecordBodyReader.MERGE_PATCH})
    @Operation(
            operationId = "changeEvent",
            summary = "Change an event",
            description = "Owner or admin: the title, the audience, the Q&A's settings. Send If-Match with the ETag "
                    + "you read to refuse lost updates (412).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = EventInput.class)))
    @APIResponse(
            responseCode = "200",
            description = "The changed event",
            content = @Content(schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    public Response change(
            @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, EventInput changes) {
        return withTag(service.change(id, changes, IfMatch.version(ifMatch), callers.current()));
    }

    @DELETE
    @Path("{id}")
    @Operation(
            operationId = "deleteEvent",
            summary = "Delete an event",
            description = "Owner or admin. Its questions go with it; its polls stay, as polls of no event.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(id, IfMatch.version(ifMatch), callers.current());
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/end")
    @Operation(
            operationId = "endEvent",
            summary = "End an event",
            description = "Owner or admin. Its code is free again; questions and upvotes are then 409 (event-ended).")
    @APIResponse(
            responseCode = "200",
            description = "The ended event",
            content = @Content(schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response end(@PathParam("id") String id) {
        return withTag(service.end(id, callers.current()));
    }

    @POST
    @Path("{id}/polls")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "addEventPoll",
            summary = "Add a poll to an event",
            description = "Owner or admin of the event, who may also manage the poll. A poll belongs to one event at "
                    + "most (409 poll-in-another-event); adding it again changes nothing.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PollReference.class)))
    @APIResponse(
            responseCode = "200",
            description = "The event",
            content = @Content(schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    public Response addPoll(@PathParam("id") String id, PollReference poll) {
        return withTag(service.addPoll(id, poll == null ? null : poll.pollId(), callers.current()));
    }

    @POST
    @Path("{id}/present")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "presentEventPoll",
            summary = "Put a poll on screen, or the Q&A",
            description = "Owner or admin. The poll (one of the event's) becomes the active one, opened if it was a "
                    + "DRAFT; {\"pollId\": null} shows the Q&A. Every page following the event moves with it.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PollReference.class)))
    @APIResponse(
            responseCode = "200",
            description = "The event",
            content = @Content(schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    public Response present(@PathParam("id") String id, PollReference poll) {
        return withTag(service.present(id, poll == null ? null : poll.pollId(), callers.current()));
    }

    @GET
    @Path("{id}/leaderboard")
    @Operation(
            operationId = "getEventLeaderboard",
            summary = "The event's quiz leaderboard",
            description = "Each person's points summed over the event's quizzes whose leaderboard you may see (closed "
                    + "ones for voters; all for owners and admins): the top 10 (ties share a rank) and your own place. "
                    + "Anonymous quizzes are left out: nothing joins a person's answers across them.")
    @APIResponse(
            responseCode = "200",
            description = "The leaderboard",
            content = @Content(schema = @Schema(implementation = Leaderboard.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Leaderboard leaderboard(@PathParam("id") String id) {
        Caller caller = callers.current();
        EventView event = service.get(id, caller);
        return leaderboards.summed(
                event.pollIds().stream()
                        .flatMap(poll -> PollId.parse(poll).stream())
                        .toList(),
                caller);
    }

    @GET
    @Path("{id}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(
            operationId = "streamEvent",
            summary = "The event as it goes",
            description = "Server-sent events: `event` at once (the event, its questions as GET .../questions?sort=top "
                    + "gives them to you, and the active poll with its results where you may read them), then "
                    + "`active-poll` when the presenter changes it, `question` when a question appears or changes as "
                    + "you may see it (one you may no longer see comes as status HIDDEN with no text; upvotedByMe is "
                    + "left out), `results` for the active poll (at most four a second), and a comment every 15 s. "
                    + "The stream ends with the sign-in it was opened with, and when the event is deleted.")
    @APIResponse(
            responseCode = "200",
            description = "The stream of the event's events",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public void stream(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
        service.get(id, callers.current()); // 404, 403 as an ordinary problem, before the stream starts
        streams.subscribe(id, callers.authentication(), sink, sse);
    }

    private static Response withTag(EventView event) {
        return Response.ok(event).tag(new EntityTag(event.etag())).build();
    }

    private static Optional<EventStatus> status(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    "status must be LIVE or ENDED",
                    java.util.List.of(new io.intrapoll.platform.Problem.FieldError("status", "must be LIVE or ENDED")));
        }
    }

    private static int number(String text, int otherwise) {
        return text == null || text.isBlank() ? otherwise : Integer.parseInt(text.strip());
    }
}
