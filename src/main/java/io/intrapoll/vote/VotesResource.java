package io.intrapoll.vote;

import io.intrapoll.identity.Callers;
import io.intrapoll.platform.Problem;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.poll.PollPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Voting (API.md, "Votes"). */
@Path("/polls/{id}/votes")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Votes")
public class VotesResource {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int IDEMPOTENCY_KEY_MAX_LENGTH = 100;

    @Inject
    VoteService votes;

    @Inject
    Callers callers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "castVote",
            summary = "Vote",
            description = "202 means the ballot is durable. For RANKED polls the order of optionIds is the ranking "
                    + "(all options or a prefix). Repeating a request with the same Idempotency-Key gives the same "
                    + "receipt and counts nothing twice. A 409's type ends in /already-voted (no change allowed) or "
                    + "/poll-not-open, or /time-up for a quiz past its time limit; a 422 names an unknown or repeated "
                    + "option, too many or too few choices, a rating off the scale, an empty or too long text, or a "
                    + "field the poll's type does not take; a "
                    + "503 means the ballot could not be stored safely and nothing was counted.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = VoteRequest.class),
                            examples = {
                                @ExampleObject(name = "options", value = "{\"optionIds\": [\"demo-lunch-pizza\"]}"),
                                @ExampleObject(name = "rating", value = "{\"rating\": 4}"),
                                @ExampleObject(name = "text", value = "{\"text\": \"More coffee\"}")
                            }))
    @APIResponse(
            responseCode = "202",
            description = "Accepted and durable",
            content = @Content(schema = @Schema(implementation = Receipt.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Response vote(
            @PathParam("id") String id,
            @Parameter(
                            description = "1 to 100 characters; a repeat gets the first answer",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            minLength = 1,
                                            maxLength = IDEMPOTENCY_KEY_MAX_LENGTH))
                    @HeaderParam(IDEMPOTENCY_KEY)
                    String idempotencyKey,
            VoteRequest ballot) {
        refuseMalformed(idempotencyKey, ballot);
        Receipt receipt = votes.vote(PollPath.id(id), ballot, idempotencyKey, callers.current());
        return Response.accepted(receipt).build();
    }

    /**
     * The checks Bean Validation made, with its answer (ConstraintViolationMapper's 400). Checked here on the busiest
     * request: Liberty validates a CDI resource's parameters twice (RESTEasy, then Hibernate Validator's CDI
     * interceptor: open-liberty#7755), which was a seventh of all a vote allocated (bench/CHANGES.md).
     */
    static void refuseMalformed(String idempotencyKey, VoteRequest ballot) {
        boolean keyInvalid = idempotencyKey != null
                && (idempotencyKey.isEmpty() || idempotencyKey.length() > IDEMPOTENCY_KEY_MAX_LENGTH);
        List<Problem.FieldError> ballotErrors = ballot == null ? List.of() : ballot.invalidFields();
        if (!keyInvalid && ballotErrors.isEmpty()) {
            return;
        }
        List<Problem.FieldError> errors = new ArrayList<>(ballotErrors);
        if (keyInvalid) {
            errors.add(new Problem.FieldError(
                    IDEMPOTENCY_KEY, "must be 1 to " + IDEMPOTENCY_KEY_MAX_LENGTH + " characters"));
        }
        throw ProblemException.invalidFields(errors);
    }

    @GET
    @Path("mine")
    @Operation(
            operationId = "getMyReceipt",
            summary = "Your receipt",
            description = "With your choices, unless the poll is anonymous; 404 if you have not voted in this poll.")
    @APIResponse(
            responseCode = "200",
            description = "Your receipt",
            content = @Content(schema = @Schema(implementation = Receipt.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Receipt mine(@PathParam("id") String id) {
        return votes.mine(PollPath.id(id), callers.current());
    }
}
