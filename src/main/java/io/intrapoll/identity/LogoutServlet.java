package io.intrapoll.identity;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Signs the browser out ({@code POST /logout}): the sign-on cookie and the session end. A browser that signed in
 * through the OpenID provider goes on to the provider's end-session endpoint, which ends the provider's session too
 * (else the next "sign in with ..." would pass without a password) and sends it back to the login page.
 */
@WebServlet(name = "Logout", urlPatterns = "/logout")
public class LogoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(LogoutServlet.class.getName());

    @Inject
    AuditTrail audit;

    @Inject
    SingleSignOn singleSignOn;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        Optional<BrowserSession> signedIn = BrowserSession.of(request);
        if (signedIn.isPresent()) {
            try {
                audit.recordAlone(
                        signedIn.get().caller(),
                        AuditAction.LOGGED_OUT,
                        null,
                        signedIn.get().isSingleSignOn() ? "single sign-on" : "login form");
            } catch (RuntimeException e) { // the database away must not keep anyone signed in
                LOG.log(Level.WARNING, "A sign-out could not be written to the audit trail", e);
            }
        }
        request.logout();
        BrowserSession.end(request);
        Optional<URI> providerSignOut = Optional.empty();
        try {
            providerSignOut = signedIn.filter(BrowserSession::isSingleSignOn)
                    .flatMap(session -> singleSignOn.providerSignOut(session, request));
        } catch (RuntimeException e) { // a bad intrapoll.oidc.end-session-url: signed out here at least
            LOG.log(Level.WARNING, "The OpenID provider's sign-out address could not be made", e);
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader(
                "Location",
                providerSignOut.map(URI::toString).orElse(request.getContextPath() + SignIn.LOGIN_PAGE + "?signedOut"));
    }
}
