package io.intrapoll.response;

import io.intrapoll.identity.Callers;
import io.intrapoll.platform.WholeNumber;
import io.intrapoll.poll.PollPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Open-text answers and their moderation (API.md, "More question types"). */
@Path("/polls/{id}/responses")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Responses")
public class ResponsesResource {

    private static final int MAX_SIZE = 100;

    @Inject
    ResponseService responses;

    @Inject
    Callers callers;

    @GET
    @Operation(
            operationId = "listResponses",
            summary = "The answers of an OPEN_TEXT poll",
            description = "Newest first. Owners and admins see every answer with hidden and held; voters see the "
                    + "visible ones, when they may see the results.")
    @APIResponse(
            responseCode = "200",
            description = "A page of answers",
            content = @Content(schema = @Schema(implementation = TextResponse.Page.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public TextResponse.Page list(
            @PathParam("id") String id,
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
        return responses.list(PollPath.id(id), number(page, 0), number(size, 20), callers.current());
    }

    @POST
    @Path("{responseId}/hide")
    @Operation(
            operationId = "hideResponse",
            summary = "Hide an answer",
            description = "Owner or admin. Its words leave the word cloud; voters no longer see it.")
    @APIResponse(
            responseCode = "200",
            description = "The answer",
            content = @Content(schema = @Schema(implementation = TextResponse.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public TextResponse hide(@PathParam("id") String id, @PathParam("responseId") String responseId) {
        return responses.moderate(PollPath.id(id), responseId, false, callers.current());
    }

    @POST
    @Path("{responseId}/show")
    @Operation(
            operationId = "showResponse",
            summary = "Show an answer",
            description = "Owner or admin. A hidden or held answer is shown; its words join the word cloud.")
    @APIResponse(
            responseCode = "200",
            description = "The answer",
            content = @Content(schema = @Schema(implementation = TextResponse.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public TextResponse show(@PathParam("id") String id, @PathParam("responseId") String responseId) {
        return responses.moderate(PollPath.id(id), responseId, true, callers.current());
    }

    private static int number(String value, int absent) {
        return value == null || value.isBlank() ? absent : Integer.parseInt(value.strip());
    }
}
