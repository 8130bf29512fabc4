package io.intrapoll.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;

/** The REST API, version 1. Every call under it is authenticated (see web.xml). */
@ApplicationPath(RestApplication.BASE_PATH)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Intrapoll API",
                        version = "1",
                        description =
                                "Polls, votes and live results for enterprise intranets. Errors are application/problem+json (RFC 9457)."),
        servers = @Server(url = "/"),
        security = @SecurityRequirement(name = "basicAuth"))
@SecurityScheme(securitySchemeName = "basicAuth", type = SecuritySchemeType.HTTP, scheme = "basic")
public class RestApplication extends Application {

    public static final String BASE_PATH = "/api/v1";
}
