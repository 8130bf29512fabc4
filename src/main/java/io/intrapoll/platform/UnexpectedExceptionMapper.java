package io.intrapoll.platform;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last resort: a concurrent update lost the race (409), anything else is our fault (500, logged, with no
 * internals in the answer).
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable exception) {
        String path = uriInfo.getRequestUri().getRawPath();
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return problem.toResponse(path);
            }
            if (cause instanceof OptimisticLockException) {
                return Problem.of(
                                409,
                                "concurrent-modification",
                                "Concurrent modification",
                                "Someone else changed this resource at the same time; read it again and retry.")
                        .withInstance(path)
                        .toResponse();
            }
        }
        LOG.log(Level.SEVERE, "Unexpected failure on " + path, exception);
        return Problem.of(500, "internal-error", "Internal server error", "The server failed; the failure was logged.")
                .withInstance(path)
                .toResponse();
    }
}
