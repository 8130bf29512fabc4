package io.intrapoll.platform;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers a {@link ProblemException} with its problem, stamped with the request path. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

    @Context
    UriInfo uriInfo;

    @Context
    HttpServletResponse servletResponse;

    @Override
    public Response toResponse(ProblemException exception) {
        // With Retry-After where the problem asks the client to come back (429, 503).
        Response problem = exception.toResponse(uriInfo.getRequestUri().getRawPath());
        if (!servletResponse.containsHeader(HttpHeaders.CACHE_CONTROL)) {
            // Where SecurityHeaders left caching to the resource (results): a refusal is never kept.
            problem.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        return problem;
    }
}
