package io.intrapoll.platform;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The API's error answers, written once: a shared response per status, each an RFC 9457 {@link Problem}, which an
 * operation names instead of describing it again, as in {@code @APIResponse(responseCode = "404", ref = "NotFound")}.
 * What a status means for one operation, where it says more than the shared description, is in that operation's
 * description.
 *
 * <p>MicroProfile OpenAPI starts the document from this model and adds the annotations to it (server.xml names it as
 * {@code mp.openapi.model.reader}).
 */
public class ProblemResponses implements OASModelReader {

    private record Shared(String name, String description, boolean retryAfter) {}

    private static final List<Shared> RESPONSES = List.of(
            new Shared(
                    "BadRequest",
                    "Malformed JSON, a wrong type, an unknown field or value, or a bad query parameter; errors[] names"
                            + " each field",
                    false),
            new Shared("Unauthorized", "No credentials, or wrong ones", false),
            new Shared("Forbidden", "The caller's role, or the poll's audience, does not allow this", false),
            new Shared("NotFound", "No such poll, or none of the caller's (a receipt before voting)", false),
            new Shared("Conflict", "The poll's state does not allow this; the problem's type says why", false),
            new Shared("PreconditionFailed", "If-Match does not match the current ETag", false),
            new Shared("PayloadTooLarge", "The body is over 64 KiB", false),
            new Shared("UnprocessableContent", "The request breaks a rule; errors[] names each field", false),
            new Shared("TooManyRequests", "Over the caller's rate limit; Retry-After says when to try again", true),
            new Shared("ServiceUnavailable", "Nothing was done, for now; Retry-After says when to try again", true));

    @Override
    public OpenAPI buildModel() {
        Components components = OASFactory.createComponents();
        for (Shared shared : RESPONSES) {
            APIResponse response = OASFactory.createAPIResponse()
                    .description(shared.description())
                    .content(problem());
            if (shared.retryAfter()) {
                response.addHeader(
                        "Retry-After",
                        OASFactory.createHeader()
                                .description("Seconds to wait")
                                .schema(OASFactory.createSchema().type(Schema.SchemaType.INTEGER)));
            }
            components.addResponse(shared.name(), response);
        }
        return OASFactory.createOpenAPI().components(components);
    }

    private static Content problem() {
        return OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("Problem")));
    }
}
