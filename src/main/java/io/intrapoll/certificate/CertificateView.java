package io.intrapoll.certificate;

import jakarta.json.JsonObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** GET /polls/{id}/certificate: the compact JWS, and its payload as JSON for reading. */
@Schema(name = "ResultsCertificate")
public record CertificateView(
        @Schema(description = "Compact JWS, ES256; its header's kid names a key of GET /api/v1/keys")
        String jws,

        @Schema(implementation = CertificatePayload.class) JsonObject payload) {}
