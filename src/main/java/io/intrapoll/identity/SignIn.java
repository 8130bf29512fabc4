package io.intrapoll.identity;

import com.ibm.websphere.security.EntryNotFoundException;
import com.ibm.wsspi.security.registry.RegistryHelper;
import io.intrapoll.platform.ErrorPageServlet;
import io.intrapoll.platform.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.auth.message.callback.PasswordValidationCallback;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How callers sign in, one mechanism for the whole application: API clients send HTTP Basic with every call (or a
 * bearer token); people in a browser sign in once on the login page, or with the OpenID provider where single
 * sign-on is on ({@link SingleSignOnServlet}), and then carry their session ({@link BrowserSession}). Passwords are
 * checked against the server's user registry, whichever server.xml configures (the demo registry, LDAP).
 */
@ApplicationScoped
public class SignIn implements HttpAuthenticationMechanism {

    static final String LOGIN_PAGE = "/login.html";
    /** Set on a login form's request refused because of too many failed logins: the seconds to wait. */
    static final String LOGIN_THROTTLED = "io.intrapoll.identity.login-throttled";

    private static final Logger LOG = Logger.getLogger(SignIn.class.getName());
    /** Liberty's name for an identity's key in its authentication cache (AttributeNameConstants.WSCREDENTIAL_CACHE_KEY). */
    private static final String LIBERTY_CACHE_KEY = "com.ibm.wsspi.security.cred.cacheKey";
    /** The login name and registry group ids in the attributes Liberty's password callback leaves in the subject. */
    private static final String LIBERTY_USER_ID = "com.ibm.wsspi.security.cred.userId";

    private static final String LIBERTY_GROUPS = "com.ibm.wsspi.security.cred.groups";

    @Inject
    @ConfigProperty(name = "intrapoll.session.max-hours")
    int maxHours;

    @Inject
    @ConfigProperty(name = "intrapoll.session.groups-refresh-seconds")
    long groupsRefreshSeconds;

    @Inject
    AuditTrail audit;

    @Inject
    ApiTokens tokens;

    @Inject
    RateLimits limits;

    @Inject
    VerifiedPasswords verifiedPasswords;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            // The error page (public) after a refused request: its credentials were judged once already.
            return context.doNothing();
        }
        if (context.getAuthParameters().getCredential() instanceof UsernamePasswordCredential form) {
            // The login page's form, handed over by LoginServlet, which keeps the caller in the session.
            return passwordMatches(
                    request, response, context, form.getCaller(), form.getPasswordAsString(), "login form");
        }
        // An explicit Authorization header wins over a browser session.
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer(authorization.substring(7).strip(), request, response, context);
        }
        Optional<BasicCredentials> basic = BasicCredentials.parse(authorization);
        if (basic.isPresent()) {
            AuthenticationStatus checked = passwordMatches(
                    request, response, context, basic.get().user(), basic.get().password(), "HTTP Basic");
            if (checked != AuthenticationStatus.SEND_FAILURE || response.isCommitted()) {
                return checked;
            }
            return context.isProtected() ? challenge(request, response, context) : context.doNothing();
        }
        Optional<BrowserSession> session = BrowserSession.of(request);
        Instant now = Instant.now();
        if (session.isPresent() && session.get().isOlderThan(Duration.ofHours(maxHours), now)) {
            BrowserSession.end(request);
            session = Optional.empty();
        }
        if (session.isPresent()
                && !session.get().isSingleSignOn()
                && session.get().groupsOlderThan(Duration.ofSeconds(groupsRefreshSeconds), now)) {
            session = refreshed(session.get(), now, request);
        }
        if (session.isPresent()) {
            if (session.get().isSingleSignOn()) {
                // The ID token's groups, which the registry does not know (as for a bearer token).
                request.setAttribute(Callers.TOKEN_GROUPS, session.get().groups());
            }
            request.setAttribute(Callers.VALID_UNTIL, session.get().signedInAt().plus(Duration.ofHours(maxHours)));
            String how = session.get().isSingleSignOn() ? "single-sign-on" : "session";
            return loggedIn(context, how, session.get().caller(), session.get().groups());
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (isApi(request)) {
            return challenge(request, response, context);
        }
        return context.redirect(request.getContextPath() + LOGIN_PAGE + "?next=" + returnPath(request));
    }

    /**
     * An API consumer's token: accepted as it is (no registry lookup) or refused with a 401 that says why, on
     * public addresses too (a client that sends a token wants to know it is not taken).
     */
    private AuthenticationStatus bearer(
            String token, HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        try {
            ApiTokens.Verified verified = tokens.verify(token);
            // The token's groups are the caller's groups, even where its name is also a registry user's.
            request.setAttribute(Callers.TOKEN_GROUPS, verified.groups());
            request.setAttribute(Callers.VALID_UNTIL, verified.expiresAt());
            return loggedIn(context, "token", verified.caller(), verified.groups());
        } catch (ApiTokens.Refused refused) {
            request.setAttribute(ErrorPageServlet.DETAIL, refused.getMessage());
            response.setHeader(
                    "WWW-Authenticate",
                    "Bearer realm=\"intrapoll\", error=\"invalid_token\", error_description=\""
                            + refused.getMessage().replace("\"", "'") + "\"");
            return context.responseUnauthorized();
        }
    }

    /**
     * Tells the container who the caller is, naming the identity for Liberty's authentication cache first. Without a
     * name Liberty logs such a caller in again on every request and caches the result each time under its LTPA token,
     * which it signs for that: a third of a signed-in browser's request went to RSA in a profile (bench/CHANGES.md).
     * With one, it finds the identity it built before. The name covers all the identity holds (how it was vouched
     * for, the caller, the groups), so a change of groups makes a new one; it is set only after this mechanism has
     * vouched for the caller, and Liberty's cache keeps an identity no longer than its own timeout.
     */
    private static AuthenticationStatus loggedIn(
            HttpMessageContext context, String how, String caller, Set<String> groups) {
        Hashtable<String, Object> cacheKey = new Hashtable<>();
        cacheKey.put(LIBERTY_CACHE_KEY, "intrapoll-" + how + ":" + identityDigest(caller, groups));
        context.getClientSubject().getPrivateCredentials().add(cacheKey);
        return context.notifyContainerAboutLogin(caller, groups);
    }

    /** SHA-256 of the caller and its sorted groups, each on its own line (names hold no line breaks). */
    static String identityDigest(String caller, Set<String> groups) {
        StringBuilder identity = new StringBuilder(caller);
        new TreeSet<>(groups).forEach(group -> identity.append('\n').append(group));
        return Sha256.hex(identity.toString());
    }

    /**
     * The attributes Liberty's password callback put in the subject for the identity it vouched for (its user id,
     * realm and registry groups), from which Liberty builds the caller after this mechanism returns. Empty on a
     * runtime that keeps no such table: then nothing is cached, and every call asks the registry.
     */
    private static Optional<Hashtable<String, Object>> libertyCredential(HttpMessageContext context) {
        for (Hashtable<?, ?> table : context.getClientSubject().getPrivateCredentials(Hashtable.class)) {
            if (table.get(LIBERTY_USER_ID) instanceof String) {
                @SuppressWarnings("unchecked") // Liberty's own: String keys (AttributeNameConstants)
                Hashtable<String, Object> credential = (Hashtable<String, Object>) table;
                return Optional.of(credential);
            }
        }
        return Optional.empty();
    }

    /** SHA-256 of the user id and its registry groups (a change of groups makes a new name in Liberty's cache). */
    private static String credentialDigest(Hashtable<String, Object> credential) {
        Set<String> groups = new HashSet<>();
        if (credential.get(LIBERTY_GROUPS) instanceof Collection<?> ids) {
            ids.forEach(id -> groups.add(String.valueOf(id)));
        }
        return identityDigest(String.valueOf(credential.get(LIBERTY_USER_ID)), groups);
    }

    /**
     * Checks a password against the user registry through the container's standard callback: SUCCESS, or
     * SEND_FAILURE (the caller answers 401). A Basic caller's password the registry accepted within
     * {@link VerifiedPasswords}' lifetime is not sent to it again: its identity then is taken as it was. When this user name or this address has used up its failed logins
     * the password is not even tried: SEND_FAILURE with a 429 already sent (Basic), or {@link #LOGIN_THROTTLED}
     * set (the login form).
     */
    private AuthenticationStatus passwordMatches(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpMessageContext context,
            String user,
            String password,
            String how)
            throws AuthenticationException {
        if (user.isBlank() || password.isEmpty()) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        OptionalLong blocked = limits.loginBlocked(user, request);
        if (blocked.isPresent()) {
            if (context.getAuthParameters().getCredential() != null) {
                request.setAttribute(LOGIN_THROTTLED, blocked.getAsLong()); // the login page says so
                return AuthenticationStatus.SEND_FAILURE;
            }
            try {
                RateLimitFilter.refuse(request, response, blocked.getAsLong(), "Too many failed logins");
                response.flushBuffer();
            } catch (IOException e) {
                throw new AuthenticationException(e);
            }
            return AuthenticationStatus.SEND_FAILURE;
        }
        boolean basic = context.getAuthParameters().getCredential() == null; // not the login page's form
        if (basic) {
            Optional<Hashtable<String, Object>> verified = verifiedPasswords.find(user, password);
            if (verified.isPresent()) { // the identity the registry gave for this password a moment ago
                limits.loginSucceeded(request);
                context.getClientSubject().getPrivateCredentials().add(verified.get());
                return AuthenticationStatus.SUCCESS;
            }
        }
        var check = new PasswordValidationCallback(context.getClientSubject(), user, password.toCharArray());
        handle(context, check);
        if (check.getResult()) {
            limits.loginSucceeded(request);
            if (basic) {
                libertyCredential(context).ifPresent(credential -> {
                    credential.put(LIBERTY_CACHE_KEY, "intrapoll-password:" + credentialDigest(credential));
                    verifiedPasswords.remember(user, password, credential);
                });
            }
            return AuthenticationStatus.SUCCESS;
        }
        limits.loginFailed(user, request);
        try {
            audit.recordLoginFailure(user, registryKnows(user), how);
        } catch (RuntimeException e) { // the database away: the caller still gets its 401
            LOG.log(Level.WARNING, "A failed login could not be written to the audit trail", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /**
     * The session with its groups read from the registry again; empty (and the session ended) when the person is no
     * longer in it. A registry that does not answer leaves the groups as they were until the next refresh.
     */
    private static Optional<BrowserSession> refreshed(BrowserSession session, Instant now, HttpServletRequest request) {
        try {
            Set<String> groups = new HashSet<>();
            for (Object group : RegistryHelper.getUserRegistry(null).getGroupsForUser(session.caller())) {
                groups.add(Callers.groupName(String.valueOf(group)));
            }
            return Optional.of(session.withGroups(groups, now, request));
        } catch (EntryNotFoundException gone) {
            BrowserSession.end(request);
            return Optional.empty();
        } catch (Exception e) {
            LOG.log(
                    Level.WARNING,
                    "The registry did not give the groups of " + session.caller() + "; kept as they were",
                    e);
            return Optional.of(session.withGroups(session.groups(), now, request));
        }
    }

    /** Whether the user registry (demo or directory) has this user; when it cannot say, the name is taken as unknown. */
    private static boolean registryKnows(String user) {
        try {
            return RegistryHelper.getUserRegistry(null).isValidUser(user);
        } catch (Exception e) {
            return false;
        }
    }

    private static void handle(HttpMessageContext context, Callback callback) throws AuthenticationException {
        try {
            context.getHandler().handle(new Callback[] {callback});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new AuthenticationException(e);
        }
    }

    /**
     * 401 with a challenge. A page's own script (fetch, EventSource: Sec-Fetch-Mode other than navigate) is told
     * to sign in on the login page rather than by Basic, which would make the browser pop up its password dialog.
     */
    private static AuthenticationStatus challenge(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String mode = request.getHeader("Sec-Fetch-Mode");
        boolean fromScript = mode != null && !"navigate".equals(mode);
        response.setHeader(
                "WWW-Authenticate",
                fromScript
                        ? "Form realm=\"intrapoll\", login=\"" + request.getContextPath() + LOGIN_PAGE + "\""
                        : "Basic realm=\"intrapoll\", charset=\"UTF-8\"");
        return context.responseUnauthorized();
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    /** Where the login page sends the browser back to: this page, within the application. */
    private static String returnPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String query = request.getQueryString();
        return URLEncoder.encode(query == null ? path : path + "?" + query, StandardCharsets.UTF_8);
    }
}
