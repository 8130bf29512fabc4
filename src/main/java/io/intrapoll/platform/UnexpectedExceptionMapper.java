package io.intrapoll.platform;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * The last resort: a database that cannot be reached is a 503 with Retry-After, a concurrent update that lost
 * the race a 409, and anything else our fault (500, logged, with no internals in the answer).
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
            if (isConnectionFailure(cause) || cause instanceof FaultToleranceException) {
                LOG.warning(() -> "Database unavailable on " + path + ": " + exception.getMessage());
                return ProblemException.unavailable("The database is unavailable just now; try again shortly.", 5)
                        .toResponse(path);
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

    /**
     * A lost or refused database connection: SQL state class 08, the server shutting down or starting (57P01-03,
     * sent on connections it had open), or the pool's wait timing out.
     */
    private static boolean isConnectionFailure(Throwable cause) {
        if (cause instanceof SQLException sql) {
            String state = sql.getSQLState();
            return state != null && (state.startsWith("08") || state.startsWith("57P0"))
                    || sql instanceof java.sql.SQLTransientConnectionException
                    || sql.getClass().getSimpleName().equals("ConnectionWaitTimeoutException");
        }
        return false;
    }
}
