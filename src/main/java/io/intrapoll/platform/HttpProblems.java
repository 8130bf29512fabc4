package io.intrapoll.platform;

/** The problem for a bare HTTP status, shared by the JAX-RS mappers and the container's error page. */
final class HttpProblems {

    private HttpProblems() {}

    static Problem forStatus(int status, String detail) {
        return switch (status) {
            case 400 -> Problem.of(400, "bad-request", "Bad request", detail);
            case 401 -> Problem.of(401, "unauthorized", "Authentication required", detail);
            case 403 -> Problem.of(403, "forbidden", "Forbidden", detail);
            case 404 -> Problem.of(404, "not-found", "Not found", detail);
            case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed", detail);
            case 406 -> Problem.of(406, "not-acceptable", "Not acceptable", detail);
            case 409 -> Problem.of(409, "conflict", "Conflict", detail);
            case 412 -> Problem.of(412, "precondition-failed", "Precondition failed", detail);
            case 413 -> Problem.of(413, "payload-too-large", "Payload too large", detail);
            case 415 -> Problem.of(415, "unsupported-media-type", "Unsupported media type", detail);
            case 429 -> Problem.of(429, "too-many-requests", "Too many requests", detail);
            case 503 -> Problem.of(503, "service-unavailable", "Service unavailable", detail);
            default ->
                status >= 500
                        ? Problem.of(status, "internal-error", "Internal server error", detail)
                        : Problem.of(status, "http-" + status, "HTTP " + status, detail);
        };
    }

    static String defaultDetail(int status) {
        return switch (status) {
            case 400 -> "The request could not be read.";
            case 401 -> "Send credentials (HTTP Basic, or a bearer token where the server takes them).";
            case 403 -> "You may not do this.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not take that method.";
            case 406 -> "This address cannot answer in the media type asked for.";
            case 413 -> BodyLimit.DETAIL;
            case 415 -> "Send application/json.";
            default -> null;
        };
    }
}
