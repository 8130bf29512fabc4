package io.intrapoll.identity;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The end of a single sign-on: {@link SingleSignOnEntry}, after the OpenID provider signed the browser in, forwards
 * the caller, the ID token's groups and the ID token here, and this opens the browser's Intrapoll session (as the
 * login form does) and sends it on to the page it wanted. Only such a forward within the server is taken: a browser
 * asking for this address directly is answered 404.
 */
@WebServlet(name = "SingleSignOn", urlPatterns = SingleSignOnEntry.COMPLETION_PATH)
public class SingleSignOnServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SingleSignOnServlet.class.getName());

    @Inject
    SingleSignOn singleSignOn;

    @Inject
    AuditTrail audit;

    @Inject
    @ConfigProperty(name = "intrapoll.session.idle-minutes")
    int idleMinutes;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() != DispatcherType.FORWARD
                || !(request.getAttribute(SingleSignOnEntry.CALLER) instanceof String caller)
                || !singleSignOn.isOn()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Set<String> groups = request.getAttribute(SingleSignOnEntry.GROUPS) instanceof Collection<?> ids
                ? ids.stream().map(id -> Callers.groupName(String.valueOf(id))).collect(Collectors.toSet())
                : Set.of();
        String idToken = request.getAttribute(SingleSignOnEntry.ID_TOKEN) instanceof String token ? token : "";
        // "" still marks the session as a single sign-on's; sign-out then names no token to the provider.
        BrowserSession.fromProvider(caller, groups, idToken, Instant.now()).bind(request, idleMinutes);
        try {
            audit.recordAlone(caller, AuditAction.LOGIN_SUCCEEDED, null, "single sign-on");
        } catch (RuntimeException e) { // the database away must not keep anyone from signing in
            LOG.log(Level.WARNING, "A sign-in could not be written to the audit trail", e);
        }
        String next = request.getAttribute(SingleSignOnEntry.NEXT) instanceof String wanted ? wanted : null;
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", LoginServlet.localPath(next));
    }
}
