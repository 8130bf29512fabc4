package io.intrapoll.platform;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail: the body of every 4xx and 5xx answer.
 *
 * @param type a URI naming the kind of problem; clients match on its last segment
 * @param errors field-level messages of a validation failure, empty otherwise
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(example = "https://intrapoll.io/problems/validation-failed")
        String type,

        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://intrapoll.io/problems/";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, List.of());
    }

    @Schema(hidden = true)
    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors);
    }

    public JsonObject toJson() {
        JsonObjectBuilder json =
                Json.createObjectBuilder().add("type", type).add("title", title).add("status", status);
        if (detail != null) {
            json.add("detail", detail);
        }
        if (instance != null) {
            json.add("instance", instance);
        }
        if (!errors.isEmpty()) {
            JsonArrayBuilder list = Json.createArrayBuilder();
            errors.forEach(error -> list.add(
                    Json.createObjectBuilder().add("field", error.field()).add("message", error.message())));
            json.add("errors", list);
        }
        return json.build();
    }

    public Response toResponse() {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(toJson().toString())
                .build();
    }

    /** Answers a servlet request with this problem (filters and the error page, outside JAX-RS). */
    public void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(toJson().toString());
    }

    /** One invalid field of a request: {@code field} is a path such as {@code options[2].label}. */
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(example = "options[2].label") String field,

            @Schema(example = "repeats another option's label")
            String message) {}
}
