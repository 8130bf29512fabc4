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
 * sign-in whatever the activity. Its groups, and so its roles, are read from the registry again every
 * {@code intrapoll.session.groups-refresh-seconds} (the directory's own cache time), so a person who leaves a group
 * loses what it granted within minutes, not at the end of the session; one who left the registry is signed out.
 *
 * <p>Why not Liberty's single-sign-on cookie: for a custom authentication mechanism, Liberty 26.0.0.3 resumes
 * that cookie's caller outside the user registry (realm "defaultRealm", no groups) and refuses it.
 *
 * <p>A browser signed in through the OpenID provider ({@link SingleSignOnServlet}) has the groups of its ID token, as
 * of that sign-in: the provider, not the registry, knows them, so they are not read again.
 *
 * @param caller the registry's user name, or the provider's for a single sign-on
 * @param groups its registry groups at sign-in, or the ID token's
 * @param signedInAt when it signed in
 * @param groupsReadAt when its groups were read from the registry
 * @param providerIdToken the OpenID provider's ID token of a single sign-on (ending the provider's session at sign-out
 *     names it); null for the login form
 */
public record BrowserSession(
        String caller, Set<String> groups, Instant signedInAt, Instant groupsReadAt, String providerIdToken)
        implements Serializable {

    private static final String ATTRIBUTE = BrowserSession.class.getName();

    public BrowserSession {
        groups = Set.copyOf(groups);
    }

    /** A sign-in on the login form, checked against the user registry. */
    static BrowserSession fromRegistry(String caller, Set<String> groups, Instant now) {
        return new BrowserSession(caller, groups, now, now, null);
    }

    /** A sign-in through the OpenID provider, with the ID token's groups. */
    static BrowserSession fromProvider(String caller, Set<String> groups, String idToken, Instant now) {
        return new BrowserSession(caller, groups, now, now, idToken);
    }

    boolean isSingleSignOn() {
        return providerIdToken != null;
    }

    boolean isOlderThan(Duration lifetime, Instant now) {
        return signedInAt.plus(lifetime).isBefore(now);
    }

    boolean groupsOlderThan(Duration refresh, Instant now) {
        return groupsReadAt.plus(refresh).isBefore(now);
    }

    /** The same sign-in with its groups as the registry has them now, kept in the request's session. */
    BrowserSession withGroups(Set<String> current, Instant now, HttpServletRequest request) {
        BrowserSession refreshed = new BrowserSession(caller, current, signedInAt, now, providerIdToken);
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.setAttribute(ATTRIBUTE, refreshed);
        }
        return refreshed;
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
