package io.intrapoll.admin;

import io.intrapoll.identity.Callers;
import io.intrapoll.platform.BrokerHealth;
import io.intrapoll.platform.Caches;
import io.intrapoll.platform.DatabaseHealth;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.tally.RebuildReport;
import io.intrapoll.tally.ResultsService;
import io.intrapoll.vote.PipelineStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The admin API, for the console: the platform at a glance, and the tally rebuild. */
@Path("/admin")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
public class AdminResource {

    @Inject
    ResultsService results;

    @Inject
    Callers callers;

    @Inject
    PipelineStatus pipeline;

    @Inject
    Caches caches;

    @Inject
    @Readiness
    DatabaseHealth database;

    @Inject
    @Readiness
    BrokerHealth broker;

    @GET
    @Path("operations")
    @Operation(
            operationId = "getOperations",
            summary = "The platform at a glance",
            description = "Cluster members, the ballot queue (depth, consumers), aggregation lag, ballots this node "
                    + "counted per 10 s over the last 10 minutes, and the health of database, broker and cache. "
                    + "Admins only.")
    @APIResponse(
            responseCode = "200",
            description = "As the answering node sees it",
            content = @Content(schema = @Schema(implementation = Operations.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Operations operations() {
        if (!callers.current().isAdmin()) {
            throw ProblemException.forbidden("Only admins see the platform's operations.");
        }
        Map<String, String> health = new LinkedHashMap<>();
        health.put("database", database.call().getStatus().name());
        health.put("broker", broker.call().getStatus().name());
        health.put("cache", caches.isRunning() ? "UP" : "DOWN");
        OptionalLong consumers = pipeline.queueConsumers();
        return new Operations(
                Instant.now(),
                caches.localMember(),
                caches.members(),
                pipeline.queueDepth(),
                consumers.isPresent() ? consumers.getAsLong() : null,
                pipeline.aggregationLagMillis(),
                pipeline.countedPerInterval(),
                health);
    }

    @POST
    @Path("tallies/rebuild")
    @Operation(
            operationId = "rebuildTallies",
            summary = "Rebuild all tallies",
            description = "Recounts every poll's tallies from the counted ballots. Admins only.")
    @APIResponse(
            responseCode = "200",
            description = "What was recounted",
            content = @Content(schema = @Schema(implementation = RebuildReport.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public RebuildReport rebuildTallies() {
        return results.rebuild(callers.current());
    }
}
