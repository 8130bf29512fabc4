package io.intrapoll.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A browser that signed in on the login page: its caller and registry groups, kept in its HTTP session. The
 * session id changes at sign-in (no fixation) and the session ends at sign-out, after
 * {@code intrapoll.session.idle-minutes} without a request, or {@code intrapoll.session.max-hours} after the
 * sign-in whatever the activity (the groups, and so the roles, are the registry's at sign-in).
 *
 * <p>Why not Liberty's single-sign-on cookie: for a custom authentication mechanism, Liberty 26.0.0.3 resumes
 * that cookie's caller outside the user registry (realm "defaultRealm", no groups) and refuses it.
 *
 * @param caller the registry's user name
 * @param groups its registry groups at sign-in
 * @param signedInAt when it signed in
 */
public record BrowserSession(String caller, Set<String> groups, Instant signedInAt) implements Serializable {

    private static final String ATTRIBUTE = BrowserSession.class.getName();

    public BrowserSession {
        groups = Set.copyOf(groups);
    }

    boolean isOlderThan(Duration lifetime, Instant now) {
        return signedInAt.plus(lifetime).isBefore(now);
    }

    /** Ends the request's session (sign-out, or a sign-in past its lifetime). */
    static void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    static Optional<BrowserSession> of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(ATTRIBUTE) instanceof BrowserSession signedIn
                ? Optional.of(signedIn)
                : Optional.empty();
    }

    /** Binds this caller to the request's session, under a new session id. */
    void bind(HttpServletRequest request, int idleMinutes) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        session.setMaxInactiveInterval(idleMinutes * 60);
        session.setAttribute(ATTRIBUTE, this);
    }
}
