package io.intrapoll.platform;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns the JAX-RS runtime's own refusals (unknown path, wrong method, unsupported media type, unreadable
 * entity, ...) into problem+json, keeping headers such as {@code Allow}.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        Problem problem = HttpProblems.forStatus(status, detailFor(exception, status))
                .withInstance(uriInfo.getRequestUri().getRawPath());
        Response.ResponseBuilder answer = Response.fromResponse(problem.toResponse());
        if (exception instanceof NotAllowedException && original.getHeaderString(HttpHeaders.ALLOW) != null) {
            answer.header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW));
        }
        return answer.build();
    }

    private static String detailFor(WebApplicationException exception, int status) {
        if (status >= 500) {
            return null; // never leak internals
        }
        if (BodyLimit.isCause(exception)) {
            return BodyLimit.DETAIL;
        }
        return HttpProblems.defaultDetail(status);
    }
}
