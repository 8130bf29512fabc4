package io.intrapoll.webhook;

import io.intrapoll.identity.Callers;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.platform.RecordBodyReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhooks (admins): poll events delivered to other systems, signed as the Standard Webhooks specification says
 * (headers webhook-id, webhook-timestamp, webhook-signature), retried from a durable queue for a day.
 */
@Path("/admin/webhooks")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class WebhooksResource {

    @Inject
    Webhooks webhooks;

    @Inject
    Callers callers;

    @Context
    UriInfo uriInfo;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createWebhook",
            summary = "Register a webhook",
            description = "The answer holds the secret that signs its deliveries: it is shown this once.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WebhookInput.class)))
    @APIResponse(
            responseCode = "201",
            description = "Registered, with its secret",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    public Response create(WebhookInput input) {
        required(input);
        WebhookView created = webhooks.create(input, callers.current());
        return Response.created(
                        uriInfo.getAbsolutePathBuilder().path(created.id()).build())
                .entity(created)
                .build();
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "The registered webhooks (without their secrets)")
    @APIResponse(
            responseCode = "200",
            description = "Oldest first",
            content = @Content(schema = @Schema(implementation = WebhookView.Page.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public WebhookView.Page list() {
        return webhooks.list(callers.current());
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getWebhook", summary = "A webhook (without its secret)")
    @APIResponse(
            responseCode = "200",
            description = "The webhook",
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public WebhookView get(@PathParam("id") String id) {
        return webhooks.get(id, callers.current());
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, RecordBodyReader.MERGE_PATCH})
    @Operation(
            operationId = "changeWebhook",
            summary = "Change a webhook",
            description = "Only the fields sent change: active (false stops its deliveries), url, events, description.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WebhookInput.class)))
    @APIResponse(
            responseCode = "200",
            description = "The changed webhook",
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent")
    public WebhookView change(@PathParam("id") String id, WebhookInput input) {
        required(input);
        return webhooks.change(id, input, callers.current());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteWebhook", summary = "Remove a webhook and its deliveries")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("id") String id) {
        webhooks.delete(id, callers.current());
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(
            operationId = "listWebhookDeliveries",
            summary = "A webhook's deliveries",
            description = "The newest 100: status, attempts, the last status code and when the next attempt is due.")
    @APIResponse(
            responseCode = "200",
            description = "Newest first",
            content = @Content(schema = @Schema(implementation = DeliveryView.Page.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public DeliveryView.Page deliveries(@PathParam("id") String id) {
        return webhooks.deliveries(id, callers.current());
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    @Operation(
            operationId = "redeliverWebhookDelivery",
            summary = "Send a delivery again",
            description = "Now, with the same webhook-id, whether it was delivered, failed or is still pending.")
    @APIResponse(
            responseCode = "202",
            description = "Queued",
            content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        return Response.accepted(webhooks.redeliver(id, deliveryId, callers.current()))
                .build();
    }

    private static void required(WebhookInput input) {
        if (input == null) {
            throw ProblemException.badRequest("A JSON body is required.", List.of());
        }
    }
}
