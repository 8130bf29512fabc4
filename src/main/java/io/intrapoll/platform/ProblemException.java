package io.intrapoll.platform;

import java.util.Comparator;
import java.util.List;

/** Thrown by any layer to answer with a problem; {@link ProblemExceptionMapper} writes it out. */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient Problem problem;
    private final int retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, 0);
    }

    private ProblemException(Problem problem, int retryAfterSeconds) {
        super(problem.detail());
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    /** The answer for this problem at the given path, with Retry-After where the client should come back. */
    public jakarta.ws.rs.core.Response toResponse(String path) {
        var answer = jakarta.ws.rs.core.Response.fromResponse(
                problem.withInstance(path).toResponse());
        if (retryAfterSeconds > 0) {
            answer.header("Retry-After", retryAfterSeconds);
        }
        return answer.build();
    }

    /** A dependency (broker, database) is unavailable: 503, come back after a few seconds. */
    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(
                Problem.of(503, "service-unavailable", "Service unavailable", detail), retryAfterSeconds);
    }

    /** A limit of the caller's reached: 429, come back after the given seconds. */
    public static ProblemException tooManyRequests(String detail, int retryAfterSeconds) {
        return new ProblemException(HttpProblems.forStatus(429, detail), retryAfterSeconds);
    }

    public static ProblemException badRequest(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(
                Problem.of(400, "bad-request", "Bad request", detail).withErrors(errors));
    }

    /** Parameters or fields of a request that break its rules (Bean Validation's, or a resource's own checks). */
    public static ProblemException invalidFields(List<Problem.FieldError> errors) {
        List<Problem.FieldError> sorted = errors.stream()
                .distinct()
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return badRequest("Some parameters or fields of the request are invalid.", sorted);
    }

    public static ProblemException unprocessable(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(422, "validation-failed", "Validation failed", detail)
                .withErrors(errors));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail));
    }

    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(Problem.of(409, slug, title, detail));
    }

    public static ProblemException payloadTooLarge() {
        return new ProblemException(HttpProblems.forStatus(413, BodyLimit.DETAIL));
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(Problem.of(412, "precondition-failed", "Precondition failed", detail));
    }
}
