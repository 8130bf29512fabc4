package io.intrapoll.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Refuses an API request whose address is not a URI (RFC 3986), such as one with a {@code [} in its path, with a 400.
 * The servlet container passes such addresses on, but JAX-RS's {@code UriInfo.getRequestUri()} parses the address
 * with java.net.URI when first asked, which the problem mappers do for the problem's instance: every answer to such a
 * request failed there and became a 500.
 */
@WebFilter(filterName = "RequestAddress", urlPatterns = "/api/*", asyncSupported = true)
public class RequestAddress extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String DETAIL = "The address is not a valid URI: characters such as [ ] { } | \\ ^ ` \" < > and"
            + " spaces must be percent-encoded.";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!isUri(request)) {
            HttpProblems.forStatus(400, DETAIL)
                    .withInstance(encoded(request.getRequestURI()))
                    .writeTo(response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether the address parses as JAX-RS (RESTEasy) parses it: the request URL and the query. */
    static boolean isUri(HttpServletRequest request) {
        String query = request.getQueryString();
        if (isPlainHost(request.getServerName())
                && isUriText(request.getRequestURI(), false)
                && (query == null || isUriText(query, true))) {
            return true; // nearly every request: nothing in it java.net.URI could refuse, so no URL built and parsed
        }
        String address = request.getRequestURL() + (query == null || query.isEmpty() ? "" : "?" + query);
        try {
            URI.create(address);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Letters, digits, dots and dashes: a name or an IPv4 address, which URI takes as a host or an authority. */
    private static boolean isPlainHost(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
                return false;
            }
        }
        return !host.isEmpty();
    }

    /** Whether a raw path (or, with {@code query}, a raw query) has only what RFC 3986 allows there. */
    private static boolean isUriText(String text, boolean query) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(mayStay(c) || query && c == '?' || c == '%' && isEscape(text, i))) {
                return false;
            }
        }
        return true;
    }

    /** The path as sent, with what a URI path may not hold percent-encoded: the problem's instance is a URI too. */
    static String encoded(String rawPath) {
        StringBuilder path = new StringBuilder(rawPath.length() + 16);
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (mayStay(c) || c == '%' && isEscape(rawPath, i)) {
                path.append(c);
            } else if (c < 0x100) { // the container hands over each byte of the request line as one char
                percent(path, c);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    percent(path, b & 0xFF);
                }
            }
        }
        return path.toString();
    }

    /** RFC 3986's pchar and '/', but for '%'. */
    private static boolean mayStay(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }

    private static boolean isEscape(String text, int at) {
        return at + 2 < text.length() && isHex(text.charAt(at + 1)) && isHex(text.charAt(at + 2));
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static void percent(StringBuilder path, int b) {
        path.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)));
        path.append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
    }
}
