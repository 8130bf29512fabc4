package io.intrapoll.certificate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The results-signing keys as a JWKS (RFC 7517): public, so anyone may check a certificate. */
@Path("/keys")
@ApplicationScoped
@Tag(name = "Results")
public class KeysResource {

    static final String JWKS = "application/jwk-set+json";

    @Inject
    SigningKeys keys;

    /** The JWKS, documented. */
    @Schema(name = "Jwks")
    public record Jwks(
            @Schema(description = "EC P-256 keys: kty, crv, x, y, kid (RFC 7638 thumbprint), use sig, alg ES256")
            List<Map<String, String>> keys) {}

    @GET
    @Produces({JWKS, "application/json"})
    @Operation(
            operationId = "getSigningKeys",
            summary = "The results-signing keys (JWKS)",
            description = "Public, no sign-in: the keys whose kid a certificate's JWS header names, the current"
                    + " signing key first, retired ones kept.")
    @SecurityRequirements // none: public
    @APIResponse(
            responseCode = "200",
            description = "The JWKS",
            content = @Content(mediaType = JWKS, schema = @Schema(implementation = Jwks.class)))
    public Response keys() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        Jwks jwks = new Jwks(
                keys.published().stream().map(SigningKeys.PublicJwk::json).toList());
        return Response.ok(jwks).cacheControl(cache).build();
    }
}
