package io.intrapoll.identity;

import io.intrapoll.platform.Problem.FieldError;
import io.intrapoll.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail for admins: entries by actor, action and time, and the chain's verification. */
@Path("/admin/audit")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class AuditResource {

    @Inject
    AuditTrail audit;

    @Inject
    Callers callers;

    @GET
    @Operation(
            operationId = "listAuditEntries",
            summary = "Audit entries",
            description = "Admins only. Newest first; filters combine.")
    @APIResponse(
            responseCode = "200",
            description = "A page of entries",
            content = @Content(schema = @Schema(implementation = AuditTrail.Page.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public AuditTrail.Page entries(
            @Parameter(description = "Who acted (a user name)") @QueryParam("actor") String actor,
            @Parameter(
                            description = "poll.created, poll.changed, poll.opened, poll.closed, poll.archived,"
                                    + " poll.deleted, tallies.rebuilt, login.failed, login.succeeded, logout,"
                                    + " webhook.created, webhook.changed, webhook.deleted, webhook.redelivered,"
                                    + " response.hidden, response.shown, event.created, event.changed,"
                                    + " event.poll-added, event.presented, event.ended, event.deleted,"
                                    + " question.moderated, poll.certified, poll.legal-hold-placed,"
                                    + " poll.legal-hold-lifted or poll.erased")
                    @QueryParam("action")
                    String action,
            @Parameter(description = "From this instant (inclusive), ISO-8601") @QueryParam("from") String from,
            @Parameter(description = "Until this instant (exclusive), ISO-8601") @QueryParam("to") String to,
            @Parameter(schema = @Schema(defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(schema = @Schema(defaultValue = "50", maximum = "200")) @QueryParam("size") String size) {
        List<FieldError> errors = new ArrayList<>();
        AuditAction kind = action == null || action.isBlank()
                ? null
                : AuditAction.of(action).orElseGet(() -> {
                    errors.add(new FieldError("action", "is not an audited action"));
                    return null;
                });
        Instant since = instant("from", from, errors);
        Instant until = instant("to", to, errors);
        int pageNumber = number("page", page, 0, 0, Integer.MAX_VALUE, errors);
        int pageSize = number("size", size, 50, 1, 200, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The audit query has bad parameters.", errors);
        }
        return audit.find(
                actor == null || actor.isBlank() ? null : actor,
                kind,
                since,
                until,
                pageNumber,
                pageSize,
                callers.current());
    }

    @GET
    @Path("verification")
    @Operation(
            operationId = "verifyAuditTrail",
            summary = "Verify the chain",
            description = "Admins only. Re-computes every entry's hash and link; "
                    + "names the first entry that does not hold.")
    @APIResponse(
            responseCode = "200",
            description = "The verdict",
            content = @Content(schema = @Schema(implementation = AuditTrail.Verification.class)))
    public AuditTrail.Verification verify() {
        return audit.verify(callers.current());
    }

    private static Instant instant(String name, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 instant in UTC, such as 2026-11-28T10:15:30Z"));
            return null;
        }
    }

    private static int number(String name, String value, int fallback, int min, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
        return fallback;
    }
}
