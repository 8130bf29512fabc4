package io.intrapoll.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who the caller is, as the server sees it: the pages greet the person and offer what its roles allow. */
@Path("/me")
@ApplicationScoped
@Tag(name = "Identity")
public class MeResource {

    @Inject
    Callers callers;

    /** The caller as JSON. */
    public record Me(String name, List<String> roles, List<String> groups) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getMe",
            summary = "The caller",
            description = "Name, roles (admin, author, voter) and registry groups.")
    @APIResponse(
            responseCode = "200",
            description = "The caller",
            content = @Content(schema = @Schema(implementation = Me.class)))
    public Me me() {
        Caller caller = callers.current();
        return new Me(
                caller.name(),
                caller.roles().stream()
                        .map(role -> role.name().toLowerCase())
                        .sorted()
                        .toList(),
                caller.groups().stream().sorted().toList());
    }
}
