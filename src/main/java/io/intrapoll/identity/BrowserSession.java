package io.intrapoll.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Optional;
import java.util.Set;

/**
 * A browser that signed in on the login page: its caller and registry groups, kept in its HTTP session. The
 * session id changes at sign-in (no fixation) and the session ends at sign-out or after
 * {@code intrapoll.session.idle-minutes} without a request.
 *
 * <p>Why not Liberty's single-sign-on cookie: for a custom authentication mechanism, Liberty 26.0.0.3 resumes
 * that cookie's caller outside the user registry (realm "defaultRealm", no groups) and refuses it.
 *
 * @param caller the registry's user name
 * @param groups its registry groups at sign-in, by unique id as the container gave them
 */
public record BrowserSession(String caller, Set<String> groups) implements Serializable {

    private static final String ATTRIBUTE = BrowserSession.class.getName();

    public BrowserSession {
        groups = Set.copyOf(groups);
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
