package io.intrapoll.poll;

import io.intrapoll.identity.Caller;
import io.intrapoll.identity.Callers;
import io.intrapoll.platform.IfMatch;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.platform.RecordBodyReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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

/** Poll management: create, read, list, change, the lifecycle actions and delete (API.md, "Polls"). */
@Path("/polls")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Polls")
@APIResponse(responseCode = "401", ref = "Unauthorized")
public class PollsResource {

    private static final String CREATE_EXAMPLE = """
            {"title": "Where should the team lunch be on Friday?", "type": "SINGLE",
             "options": [{"label": "Pizza place"}, {"label": "Sushi bar"}], "audienceGroups": ["engineering"],
             "resultsVisibility": "LIVE", "closesAt": "2026-12-04T12:00:00Z", "open": true}""";

    @Inject
    PollService service;

    @Inject
    Callers callers;

    @Context
    UriInfo uriInfo;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createPoll",
            summary = "Create a poll",
            description = "Authors and admins. The poll starts as DRAFT, or OPEN when \"open\": true is sent.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PollInput.class),
                            examples = @ExampleObject(name = "single choice", value = CREATE_EXAMPLE)))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            headers = {
                @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))
            },
            content = @Content(schema = @Schema(implementation = PollView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    public Response create(@Valid PollInput input) {
        PollView poll = service.create(input, callers.current());
        return Response.created(uriInfo.getBaseUriBuilder()
                        .path("polls")
                        .path(poll.id())
                        .build())
                .tag(new EntityTag(poll.etag()))
                .entity(poll)
                .build();
    }

    @GET
    @Operation(
            operationId = "listPolls",
            summary = "List the polls you may see",
            description =
                    "Newest first, or with sort=closing those closing soonest first. Admins see every poll; others "
                            + "their own and the non-draft polls of their audience.")
    @APIResponse(
            responseCode = "200",
            description = "A page of polls",
            content = @Content(schema = @Schema(implementation = PollPage.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public PollPage list(@Valid @BeanParam PollQueryParams params) {
        return service.list(params.query(), callers.current());
    }

    @GET
    @Path("{id}")
    @Operation(
            operationId = "getPoll",
            summary = "Read a poll",
            description = "Anyone in the poll's audience. Answers 304 when If-None-Match carries the current ETag.")
    @APIResponse(
            responseCode = "200",
            description = "The poll",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = PollView.class)))
    @APIResponse(responseCode = "304", description = "Not modified")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") String id, @Context Request request) {
        Caller caller = callers.current();
        PollCache.Cached poll = service.get(PollPath.id(id), caller);
        EntityTag tag = new EntityTag(poll.view().etag());
        Response.ResponseBuilder precondition = request.evaluatePreconditions(tag);
        if (precondition != null) {
            Response answer = precondition.tag(tag).build();
            if (answer.getStatus() == Response.Status.PRECONDITION_FAILED.getStatusCode()) { // If-Match: a problem
                throw ProblemException.preconditionFailed(
                        "The poll's version is " + poll.view().version() + "; If-Match named another.");
            }
            return answer; // 304 Not Modified for If-None-Match
        }
        if (poll.view().revealsAnswers() && !poll.rules().showsAnswersTo(caller)) {
            return Response.ok(poll.view().withoutAnswers()).tag(tag).build();
        }
        // The cache holds the view as JSON-B writes it, which is what the JSON provider would write again.
        return Response.ok(poll.json(), MediaType.APPLICATION_JSON_TYPE)
                .tag(tag)
                .build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, RecordBodyReader.MERGE_PATCH})
    @Operation(
            operationId = "changePoll",
            summary = "Change a poll",
            description = "Owner or admin. Only the fields sent change; null clears "
                    + "an optional field. Options, type, maxChoices and anonymous change only in DRAFT (else 409). Send "
                    + "If-Match with the ETag you read to refuse lost updates (412).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PollInput.class),
                            examples =
                                    @ExampleObject(
                                            name = "retitle",
                                            value = "{\"title\": \"Friday lunch: final call\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The changed poll",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = PollView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    public Response change(
            @PathParam("id") String id,
            @Parameter(description = "The ETag last read") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid PollInput changes) {
        PollId pollId = PollPath.id(id);
        PollView poll = service.change(pollId, changes, IfMatch.version(ifMatch), callers.current());
        return Response.ok(poll).tag(new EntityTag(poll.etag())).build();
    }

    @POST
    @Path("{id}/open")
    @Operation(
            operationId = "openPoll",
            summary = "Open a poll",
            description = "Owner or admin. DRAFT or CLOSED (reopen) to OPEN; otherwise 409. A closed QUIZ does not "
                    + "reopen (409, type ending in /quiz-closed): its answers were shown at the close.")
    @APIResponse(
            responseCode = "200",
            description = "The opened poll",
            content = @Content(schema = @Schema(implementation = PollView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response open(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withTag(service.open(PollPath.id(id), IfMatch.version(ifMatch), callers.current()));
    }

    @POST
    @Path("{id}/close")
    @Operation(
            operationId = "closePoll",
            summary = "Close a poll",
            description = "Owner or admin. OPEN to CLOSED; otherwise 409.")
    @APIResponse(
            responseCode = "200",
            description = "The closed poll",
            content = @Content(schema = @Schema(implementation = PollView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response close(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withTag(service.close(PollPath.id(id), IfMatch.version(ifMatch), callers.current()));
    }

    @POST
    @Path("{id}/legal-hold")
    @Operation(
            operationId = "placeLegalHold",
            summary = "Place a legal hold",
            description = "Admin. While the hold stays, the poll's ballots are not erased whatever its retention, and"
                    + " the poll is not deleted. Idempotent; 409 once its ballots are erased.")
    @APIResponse(
            responseCode = "200",
            description = "The poll, legalHold true",
            content = @Content(schema = @Schema(implementation = PollView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response placeLegalHold(@PathParam("id") String id) {
        return withTag(service.hold(PollPath.id(id), true, callers.current()));
    }

    @DELETE
    @Path("{id}/legal-hold")
    @Operation(
            operationId = "liftLegalHold",
            summary = "Lift a legal hold",
            description = "Admin. The retention applies again: ballots past it are erased within the schedule's next"
                    + " round. Idempotent.")
    @APIResponse(
            responseCode = "200",
            description = "The poll, legalHold false",
            content = @Content(schema = @Schema(implementation = PollView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response liftLegalHold(@PathParam("id") String id) {
        return withTag(service.hold(PollPath.id(id), false, callers.current()));
    }

    @POST
    @Path("{id}/archive")
    @Operation(
            operationId = "archivePoll",
            summary = "Archive a poll",
            description = "Owner or admin. CLOSED to ARCHIVED; otherwise 409.")
    @APIResponse(
            responseCode = "200",
            description = "The archived poll",
            content = @Content(schema = @Schema(implementation = PollView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response archive(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withTag(service.archive(PollPath.id(id), IfMatch.version(ifMatch), callers.current()));
    }

    @DELETE
    @Path("{id}")
    @Operation(
            operationId = "deletePoll",
            summary = "Delete a poll",
            description = "Admins any poll; owners only while it is a DRAFT (else 409).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(PollPath.id(id), IfMatch.version(ifMatch), callers.current());
        return Response.noContent().build();
    }

    private static Response withTag(PollView poll) {
        return Response.ok(poll).tag(new EntityTag(poll.etag())).build();
    }
}
