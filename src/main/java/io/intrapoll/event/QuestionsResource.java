package io.intrapoll.event;

import io.intrapoll.event.QuestionService.Moderation;
import io.intrapoll.identity.Callers;
import io.intrapoll.platform.Problem.FieldError;
import io.intrapoll.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audience's questions of an event: ask, list, upvote, and moderate (API.md, "Events"). */
@Path("/events/{id}/questions")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Questions")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "404", ref = "NotFound")
public class QuestionsResource {

    @Inject
    QuestionService questions;

    @Inject
    Callers callers;

    @Context
    UriInfo uriInfo;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "askQuestion",
            summary = "Ask a question",
            description =
                    "Anyone in the event's audience, while it is live and its Q&A on. VISIBLE at once, or PENDING "
                            + "a moderator in a moderated event. An anonymous question stores no link to you: only this "
                            + "answer says it is yours. At most intrapoll.qa.questions-per-minute (5) a minute per person (429).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            schema = @Schema(implementation = QuestionInput.class),
                            examples =
                                    @ExampleObject(
                                            name = "anonymous",
                                            value =
                                                    "{\"text\": \"Will the new office have bike parking?\", \"anonymous\": true}")))
    @APIResponse(
            responseCode = "201",
            description = "The question",
            content = @Content(schema = @Schema(implementation = QuestionView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public Response ask(@PathParam("id") String eventId, QuestionInput input) {
        if (input == null) {
            throw ProblemException.unprocessable(
                    "The question breaks some rules.", List.of(new FieldError("text", "is required")));
        }
        QuestionView question = questions.ask(eventId, input, callers.current());
        return Response.created(
                        uriInfo.getAbsolutePathBuilder().path(question.id()).build())
                .entity(question)
                .build();
    }

    @GET
    @Operation(
            operationId = "listQuestions",
            summary = "The event's questions",
            description =
                    "top: most upvotes first, then the oldest; recent: newest first. Moderators (the event's owner, "
                            + "admins) see every question; others the visible ones and their own pending ones.")
    @APIResponse(
            responseCode = "200",
            description = "The questions",
            content = @Content(schema = @Schema(implementation = QuestionView.Items.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public QuestionView.Items list(
            @PathParam("id") String eventId,
            @QueryParam("sort")
                    @Parameter(
                            schema =
                                    @Schema(
                                            enumeration = {"top", "recent"},
                                            defaultValue = "top"))
                    String sort) {
        if (sort != null && !sort.isBlank() && !sort.equals("top") && !sort.equals("recent")) {
            throw ProblemException.badRequest(
                    "sort must be top or recent", List.of(new FieldError("sort", "must be top or recent")));
        }
        return questions.list(eventId, "recent".equals(sort), callers.current());
    }

    @PUT
    @Path("{questionId}/upvote")
    @Operation(
            operationId = "upvoteQuestion",
            summary = "Upvote a question",
            description = "One upvote per person and question; sending it again changes nothing.")
    @APIResponse(responseCode = "204", description = "Upvoted")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response upvote(@PathParam("id") String eventId, @PathParam("questionId") String questionId) {
        questions.upvote(eventId, questionId, callers.current(), true);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{questionId}/upvote")
    @Operation(
            operationId = "withdrawUpvote",
            summary = "Withdraw your upvote",
            description = "Idempotent: without an upvote, nothing changes.")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response withdraw(@PathParam("id") String eventId, @PathParam("questionId") String questionId) {
        questions.upvote(eventId, questionId, callers.current(), false);
        return Response.noContent().build();
    }

    @POST
    @Path("{questionId}/approve")
    @Operation(
            operationId = "approveQuestion",
            summary = "Approve (or show again) a question",
            description = "Moderators.")
    @APIResponse(
            responseCode = "200",
            description = "The question",
            content = @Content(schema = @Schema(implementation = QuestionView.class)))
    public QuestionView approve(@PathParam("id") String eventId, @PathParam("questionId") String questionId) {
        return questions.moderate(eventId, questionId, Moderation.APPROVE, callers.current());
    }

    @POST
    @Path("{questionId}/hide")
    @Operation(
            operationId = "hideQuestion",
            summary = "Hide a question",
            description = "Moderators. It disappears from every voter's page (and is unpinned).")
    @APIResponse(
            responseCode = "200",
            description = "The question",
            content = @Content(schema = @Schema(implementation = QuestionView.class)))
    public QuestionView hide(@PathParam("id") String eventId, @PathParam("questionId") String questionId) {
        return questions.moderate(eventId, questionId, Moderation.HIDE, callers.current());
    }

    @POST
    @Path("{questionId}/answer")
    @Operation(operationId = "answerQuestion", summary = "Mark a question answered", description = "Moderators.")
    @APIResponse(
            responseCode = "200",
            description = "The question",
            content = @Content(schema = @Schema(implementation = QuestionView.class)))
    public QuestionView answer(@PathParam("id") String eventId, @PathParam("questionId") String questionId) {
        return questions.moderate(eventId, questionId, Moderation.ANSWER, callers.current());
    }

    @POST
    @Path("{questionId}/pin")
    @Operation(
            operationId = "pinQuestion",
            summary = "Pin a question",
            description = "Moderators. One question is pinned at a time: pinning one unpins the other. Only a "
                    + "visible question (409 question-not-visible).")
    @APIResponse(
            responseCode = "200",
            description = "The question",
            content = @Content(schema = @Schema(implementation = QuestionView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public QuestionView pin(@PathParam("id") String eventId, @PathParam("questionId") String questionId) {
        return questions.moderate(eventId, questionId, Moderation.PIN, callers.current());
    }

    @DELETE
    @Path("{questionId}/pin")
    @Operation(operationId = "unpinQuestion", summary = "Unpin a question", description = "Moderators.")
    @APIResponse(
            responseCode = "200",
            description = "The question",
            content = @Content(schema = @Schema(implementation = QuestionView.class)))
    public QuestionView unpin(@PathParam("id") String eventId, @PathParam("questionId") String questionId) {
        return questions.moderate(eventId, questionId, Moderation.UNPIN, callers.current());
    }
}
