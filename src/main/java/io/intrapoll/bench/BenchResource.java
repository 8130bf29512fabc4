package io.intrapoll.bench;

import io.intrapoll.platform.JsonBodies;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.vote.VoteRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The bench's yardsticks; see the package description. Not part of the API contract. */
@Path("/bench")
@ApplicationScoped
public class BenchResource {

    @Inject
    @ConfigProperty(name = "intrapoll.bench.enabled")
    boolean enabled;

    @Inject
    NaiveTally naive;

    @POST
    @Path("noop")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response noop(VoteRequest vote) {
        requireEnabled(); // the body was read as a vote's is, so the floor pays the same
        return Response.noContent().build();
    }

    @POST
    @Path("naive-votes/{pollId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response naiveVote(@PathParam("pollId") String pollId, InputStream body) {
        requireEnabled();
        JsonObject vote = JsonBodies.readObject(body);
        if (!(vote.get("optionIds") instanceof JsonArray ids)
                || ids.isEmpty()
                || !(ids.get(0) instanceof JsonString option)) {
            throw ProblemException.badRequest("optionIds must be an array of option ids.", List.of());
        }
        naive.add(pollId, option.getString());
        return Response.noContent().build();
    }

    private void requireEnabled() {
        if (!enabled) {
            throw ProblemException.notFound("There is no such resource.");
        }
    }
}
