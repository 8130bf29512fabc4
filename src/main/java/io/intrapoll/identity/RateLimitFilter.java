package io.intrapoll.identity;

import io.intrapoll.platform.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Every API call and every login attempt spends from the caller's budgets ({@link RateLimits}); one over budget
 * gets 429 problem+json with Retry-After. Runs after authentication, so a signed-in caller is known by name.
 */
@WebFilter(
        filterName = "RateLimitFilter",
        urlPatterns = {"/api/*", "/login"},
        asyncSupported = true)
public class RateLimitFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Pattern VOTING = Pattern.compile("/api/v1/polls/[^/]+/votes/?");

    @Inject
    transient RateLimits limits;

    @Inject
    transient Callers callers;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // The decoded path without ;parameters, as JAX-RS routes it: no other spelling escapes the voting budget.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        RateBudget budget =
                "POST".equals(request.getMethod()) && VOTING.matcher(path).matches()
                        ? RateBudget.VOTE
                        : RateBudget.OTHER;
        OptionalLong retryAfter = limits.spend(budget, callerName(request), request);
        if (retryAfter.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        refuse(
                request,
                response,
                retryAfter.getAsLong(),
                budget == RateBudget.VOTE ? "Too many votes sent" : "Too many requests sent");
    }

    /**
     * The signed-in caller's name, null for none. An API call's caller is worked out once for the whole request
     * ({@link Callers}); a login request's changes within it, so it is not kept then.
     */
    private String callerName(HttpServletRequest request) {
        if (request.getServletPath().startsWith("/api/")) {
            String name = callers.current().name();
            return name.isEmpty() ? null : name;
        }
        Principal caller = request.getUserPrincipal();
        return caller == null ? null : caller.getName();
    }

    /** 429 problem+json with Retry-After. */
    static void refuse(HttpServletRequest request, HttpServletResponse response, long retryAfter, String what)
            throws IOException {
        response.setHeader("Retry-After", String.valueOf(retryAfter));
        Problem.of(
                        429,
                        "too-many-requests",
                        "Too many requests",
                        what + " in the last minute; try again in " + retryAfter + " s.")
                .withInstance(request.getRequestURI())
                .writeTo(response);
    }
}
