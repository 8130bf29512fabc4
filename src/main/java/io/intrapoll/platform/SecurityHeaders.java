package io.intrapoll.platform;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Headers that keep the pages what they are: scripts, styles and connections from this server only (the pages
 * have no inline script), never framed by another site, no content-type guessing, no full address leaking in
 * the Referer to other sites. What the server answers is the signed-in person's, so no browser or proxy stores it
 * (Back after sign-out would show the last person's polls), but for the static assets, which are everyone's. Over
 * HTTPS, browsers are told to come back only over HTTPS for a year.
 *
 * <p>One page may be framed, by the sites {@code intrapoll.embed.allowed-origins} names and no others: the compact
 * poll page under {@code /embed/} (io.intrapoll.pages.EmbedServlet). Every other answer stays unframeable.
 *
 * <p>It also runs for the error page, so that problems the container raises before any filter (a missing login)
 * carry the same headers.
 */
@WebFilter(
        filterName = "SecurityHeaders",
        urlPatterns = "/*",
        asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class SecurityHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

    /** The embeddable page's servlet path (io.intrapoll.pages.EmbedServlet). */
    public static final String EMBED = "/embed";

    /**
     * A year; without includeSubDomains, as other hosts under the intranet's domain may still serve plain HTTP. Where
     * TLS ends in HAProxy, HAProxy sends it (this node sees plain HTTP).
     */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    /** The stylesheet, scripts and icon: the same for everyone, cached as the container serves them. */
    private static final String ASSETS = "/assets/";

    private static final Pattern RESULTS = Pattern.compile(".*/api/v1/polls/[^/;]+/results");

    @Inject
    @ConfigProperty(name = "intrapoll.embed.allowed-origins")
    Optional<String> embedAllowedOrigins;

    @Inject
    @ConfigProperty(name = "intrapoll.sso")
    String singleSignOn;

    @Inject
    @ConfigProperty(name = "intrapoll.oidc.discovery-url")
    Optional<String> providerDiscovery;

    @Inject
    @ConfigProperty(name = "intrapoll.oidc.end-session-url")
    Optional<String> providerEndSession;

    /** The policy of every answer but the embeddable page. */
    private String policy;

    /** The policy of the embeddable page: null while no site may frame it. */
    private String embedPolicy;

    @Override
    public void init() {
        // Sign-out (a form) ends at the OpenID provider's end-session endpoint, and form-action covers redirects.
        String formTargets = "oidc".equals(singleSignOn)
                ? Stream.of(providerDiscovery, providerEndSession)
                        .flatMap(Optional::stream)
                        .map(SecurityHeaders::origin)
                        .flatMap(Optional::stream)
                        .distinct()
                        .map(origin -> " " + origin)
                        .collect(Collectors.joining())
                : "";
        String base = POLICY + formTargets + "; frame-ancestors ";
        policy = base + "'none'";
        FrameAncestors ancestors = FrameAncestors.parse(embedAllowedOrigins.orElse(""));
        embedPolicy = ancestors.any() ? base + ancestors.sources() : null;
    }

    /** "https://login.example.com/realms/x/.well-known/..." -> "https://login.example.com". */
    static Optional<String> origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(
                    uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        } catch (IllegalArgumentException notAUrl) {
            return Optional.empty();
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // The servlet path, as the container resolved it: the raw address "/embed/../app/vote.html" is a vote page.
        if (embedPolicy != null && EMBED.equals(request.getServletPath())) {
            // X-Frame-Options knows no list of sites: left out, the policy's frame-ancestors says who may frame it.
            response.setHeader("Content-Security-Policy", embedPolicy);
        } else {
            response.setHeader("Content-Security-Policy", policy);
            response.setHeader("X-Frame-Options", "DENY");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        if (!isAsset(request) && !isResultsRead(request)) {
            response.setHeader("Cache-Control", "no-store");
        }
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
        chain.doFilter(request, response);
    }

    /** A poll's results say themselves how long they may be kept (io.intrapoll.tally.ResultsResource). */
    private static boolean isResultsRead(HttpServletRequest request) {
        String uri = request.getRequestURI();
        // Every request passes here (votes too): the cheap test first, the pattern only for a results address.
        return uri.endsWith("/results") && RESULTS.matcher(uri).matches();
    }

    private static boolean isAsset(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + ASSETS);
    }
}
