package io.intrapoll.poll;

import io.intrapoll.platform.WholeNumber;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters of the list call; each field is named as its parameter, so a bad one is named as sent. */
public class PollQueryParams {

    static final int MAX_PAGE = Integer.MAX_VALUE / PollQuery.MAX_SIZE;

    @QueryParam("status")
    @Parameter(description = "DRAFT, OPEN, CLOSED or ARCHIVED", schema = @Schema(implementation = PollStatus.class))
    @Pattern(regexp = "(?iU)\\s*(DRAFT|OPEN|CLOSED|ARCHIVED)?\\s*", message = "must be DRAFT, OPEN, CLOSED or ARCHIVED")
    String status;

    @QueryParam("q")
    @Parameter(description = "Text the title contains (any case)")
    @Size(max = 200, message = "must be at most 200 characters")
    String q;

    @QueryParam("sort")
    @Parameter(description = "newest (the default) or closing: those closing soonest first")
    @Pattern(regexp = "(?iU)\\s*(newest|closing)?\\s*", message = "must be newest or closing")
    String sort;

    @QueryParam("page")
    @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
    @WholeNumber(min = 0, max = MAX_PAGE)
    String page;

    @QueryParam("size")
    @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
    @WholeNumber(min = 1, max = PollQuery.MAX_SIZE)
    String size;

    /** The query these (valid) parameters ask for. */
    PollQuery query() {
        return new PollQuery(
                isBlank(status) ? null : PollStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)),
                isBlank(q) ? null : q.strip(),
                isBlank(page) ? 0 : Integer.parseInt(page.strip()),
                isBlank(size) ? 20 : Integer.parseInt(size.strip()),
                !isBlank(sort) && sort.strip().equalsIgnoreCase("closing"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
