package io.intrapoll.quiz;

import io.intrapoll.identity.Callers;
import io.intrapoll.poll.PollPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A quiz's leaderboard (API.md, "Quiz scoring"). */
@Path("/polls/{id}/leaderboard")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Results")
public class LeaderboardResource {

    @Inject
    LeaderboardService leaderboards;

    @Inject
    Callers callers;

    @GET
    @Operation(
            operationId = "getLeaderboard",
            summary = "A quiz's leaderboard",
            description = "The top 10 by points (ties share a rank) and your own place. Voters see it once the quiz "
                    + "is closed and its results are shown to them; owners and admins at any time. In an anonymous "
                    + "quiz names are stable aliases (\"Player 4821\"). 404 for a poll that is not a QUIZ.")
    @APIResponse(
            responseCode = "200",
            description = "The leaderboard",
            content = @Content(schema = @Schema(implementation = Leaderboard.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Leaderboard leaderboard(@PathParam("id") String id) {
        return leaderboards.of(PollPath.id(id), callers.current());
    }
}
