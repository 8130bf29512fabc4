package io.intrapoll.bench;

import io.intrapoll.platform.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The bench's yardsticks; see the package description. Not part of the API contract. */
@Path("/bench")
@RequestScoped
public class BenchResource {

    @Inject
    @ConfigProperty(name = "intrapoll.bench.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    NaiveTally naive;

    @POST
    @Path("noop")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response noop(InputStream body) {
        requireEnabled();
        read(body);
        return Response.noContent().build();
    }

    @POST
    @Path("naive-votes/{pollId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response naiveVote(@PathParam("pollId") String pollId, InputStream body) {
        requireEnabled();
        String option = read(body).getJsonArray("optionIds").getString(0);
        naive.add(pollId, option);
        return Response.noContent().build();
    }

    private void requireEnabled() {
        if (!enabled) {
            throw ProblemException.notFound("There is no such resource.");
        }
    }

    /** Reads the vote's JSON as the real endpoint does, so the yardsticks pay the same parsing. */
    private static JsonObject read(InputStream body) {
        try (JsonReader reader = Json.createReader(body)) {
            return reader.readObject();
        }
    }
}
