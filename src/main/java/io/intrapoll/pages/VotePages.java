package io.intrapoll.pages;

import io.intrapoll.poll.PollId;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Addresses of a poll's vote page, as people type or scan them. */
final class VotePages {

    private VotePages() {}

    /** Only what can be a poll id ever ends up in a link. */
    static boolean isPollId(String value) {
        return PollId.parse(value).isPresent();
    }

    /** The page itself, within the application. */
    static String votePage(HttpServletRequest request, String pollId) {
        return request.getContextPath() + "/app/vote.html?poll=" + URLEncoder.encode(pollId, StandardCharsets.UTF_8);
    }

    /** The short link, absolute, for the presenter's screen and its QR code. */
    static String shortLink(HttpServletRequest request, String pollId) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath()
                + "/v/" + pollId;
    }
}
