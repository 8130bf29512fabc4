package io.intrapoll.event;

import io.intrapoll.identity.Callers;
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

/** Joining an event by the code on the presenter's screen. */
@Path("/join/{code}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class JoinResource {

    @Inject
    EventService events;

    @Inject
    Callers callers;

    @GET
    @Operation(
            operationId = "joinEvent",
            summary = "The live event of a join code",
            description = "Anyone in the event's audience. The code is case-insensitive (a space or dash in it is "
                    + "ignored); an unknown code or an ended event's is 404.")
    @APIResponse(
            responseCode = "200",
            description = "The event",
            content = @Content(schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public EventView join(@PathParam("code") String code) {
        return events.join(code, callers.current());
    }
}
