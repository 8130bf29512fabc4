package io.intrapoll.pages;

import io.intrapoll.poll.PollId;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Addresses of a poll's vote page, as people type or scan them: only a PollId, never other text, goes into one. */
final class VotePages {

    private VotePages() {}

    /** The page itself, within the application. */
    static String votePage(HttpServletRequest request, PollId pollId) {
        return request.getContextPath() + "/app/vote.html?poll="
                + URLEncoder.encode(pollId.value(), StandardCharsets.UTF_8);
    }

    /** The short link, absolute, for the presenter's screen and its QR code. */
    static String shortLink(HttpServletRequest request, PollId pollId) {
        return origin(request) + "/v/" + pollId.value();
    }

    /** The application's address as the browser reached it: scheme, host, port unless the default, context. */
    static String origin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
    }
}
