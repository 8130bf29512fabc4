package io.intrapoll.ratelimit;

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
    private static final Pattern VOTING = Pattern.compile(".*/api/v1/polls/[^/]+/votes/?");

    @Inject
    transient RateLimits limits;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Budget budget = "POST".equals(request.getMethod())
                        && VOTING.matcher(request.getRequestURI()).matches()
                ? Budget.VOTE
                : Budget.OTHER;
        Principal caller = request.getUserPrincipal();
        String address = limits.clientAddress(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
        OptionalLong retryAfter = limits.spend(budget, caller == null ? null : caller.getName(), address);
        if (retryAfter.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Problem problem = Problem.of(
                        429,
                        "too-many-requests",
                        "Too many requests",
                        (budget == Budget.VOTE ? "Too many votes sent" : "Too many requests sent")
                                + " in the last minute; try again in " + retryAfter.getAsLong() + " s.")
                .withInstance(request.getRequestURI());
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(retryAfter.getAsLong()));
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(problem.toJson().toString());
    }
}
