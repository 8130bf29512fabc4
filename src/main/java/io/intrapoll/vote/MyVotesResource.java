package io.intrapoll.vote;

import io.intrapoll.identity.Callers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * "Did I vote?" for a whole page of polls at once: the list page asks once, not once per poll. An addition to
 * API.md's "Votes" (README, "In the browser").
 */
@Path("/votes/mine")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Votes")
public class MyVotesResource {

    @Inject
    VoteService votes;

    @Inject
    Callers callers;

    /** The polls among those asked about in which the caller has a counted or durable ballot. */
    @Schema(name = "MyVotes")
    public record MyVotes(
            @Schema(description = "Ids of the polls asked about that the caller has voted in")
            List<String> voted) {}

    @GET
    @Operation(
            operationId = "myVotes",
            summary = "Which of these polls you have voted in",
            description = "Up to 100 poll ids (poll=...&poll=...). Unknown polls, and polls you may not see, are "
                    + "left out of the answer rather than refused.")
    @APIResponse(
            responseCode = "200",
            description = "The polls you have voted in",
            content = @Content(schema = @Schema(implementation = MyVotes.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public MyVotes mine(
            @QueryParam("poll")
                    @Parameter(description = "A poll id; repeat it for each poll")
                    @Size(max = 100, message = "must name at most 100 polls")
                    List<String> polls) {
        return new MyVotes(votes.votedAmong(polls == null ? List.of() : polls, callers.current()));
    }
}
