package io.intrapoll.identity;

import io.intrapoll.platform.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * Cross-site request forgery: a request that changes something, sent by a browser, must come from this site's own
 * pages, as the browser reports it (Sec-Fetch-Site, else Origin). The session cookie is SameSite=Lax as well;
 * this holds for Basic credentials a browser cached and for browsers that drop SameSite. API clients, which send
 * neither header, are not concerned.
 */
@WebFilter(filterName = "CrossSiteGuard", urlPatterns = "/*", asyncSupported = true)
public class CrossSiteGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SAFE_METHODS.contains(request.getMethod()) || isAllowed(request)) {
            chain.doFilter(request, response);
            return;
        }
        Problem.of(
                        HttpServletResponse.SC_FORBIDDEN,
                        "cross-site-request",
                        "Cross-site request refused",
                        "A change made with your browser's session must come from Intrapoll's own pages.")
                .withInstance(request.getRequestURI())
                .writeTo(response);
    }

    /**
     * A browser says where a request comes from (Sec-Fetch-Site, Origin) whatever credentials ride along: a
     * session cookie, or Basic credentials it cached. Other sites are refused, the login form included. Without
     * those headers (API clients) only a request riding on a session is refused.
     */
    static boolean isAllowed(HttpServletRequest request) {
        if (request.getHeader("Sec-Fetch-Site") != null || request.getHeader("Origin") != null) {
            return isSameSite(request);
        }
        return request.getHeader("Authorization") != null
                || BrowserSession.of(request).isEmpty();
    }

    static boolean isSameSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return fetchSite.equals("same-origin") || fetchSite.equals("none");
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false; // neither header: not a browser we can vouch for
        }
        try {
            URI from = URI.create(origin);
            int port = from.getPort() != -1 ? from.getPort() : ("https".equals(from.getScheme()) ? 443 : 80);
            return request.getServerName().equalsIgnoreCase(from.getHost())
                    && request.getServerPort() == port
                    && request.getScheme().equalsIgnoreCase(from.getScheme());
        } catch (IllegalArgumentException notAnOrigin) {
            return false;
        }
    }
}
