package io.intrapoll.identity;

import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The login page's form ({@code POST /login}, fields {@code username}, {@code password}, {@code next}): signs the
 * browser in through {@link SignIn} and sends it back to the page it came from, or back to the form.
 */
@WebServlet(name = "Login", urlPatterns = "/login")
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(LoginServlet.class.getName());
    static final String HOME = "/app/";

    @Inject
    SecurityContext security;

    @Inject
    Callers callers;

    @Inject
    AuditTrail audit;

    @Inject
    @ConfigProperty(name = "intrapoll.session.idle-minutes")
    int idleMinutes;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("username");
        String password = request.getParameter("password");
        String next = localPath(request.getParameter("next"));
        if (user == null || password == null || user.isBlank() || password.isEmpty()) {
            backToForm(request, response, next, "missing");
            return;
        }
        AuthenticationStatus status = security.authenticate(
                request,
                response,
                AuthenticationParameters.withParams()
                        .credential(new UsernamePasswordCredential(user.strip(), password))
                        .newAuthentication(true));
        if (status == AuthenticationStatus.SUCCESS) {
            Caller caller = callers.current(); // first asked now, after the sign-in
            Instant now = Instant.now();
            BrowserSession.fromRegistry(caller.name(), caller.groups(), now).bind(request, idleMinutes);
            recordQuietly(caller.name(), AuditAction.LOGIN_SUCCEEDED);
            response.sendRedirect(request.getContextPath() + next);
        } else {
            backToForm(
                    request,
                    response,
                    next,
                    request.getAttribute(SignIn.LOGIN_THROTTLED) != null ? "throttled" : "invalid");
        }
    }

    /** Into the audit trail; the database away must not keep anyone from signing in or out. */
    private void recordQuietly(String user, AuditAction action) {
        try {
            audit.recordAlone(user, action, null, "login form");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A sign-in could not be written to the audit trail", e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + SignIn.LOGIN_PAGE);
    }

    private static void backToForm(HttpServletRequest request, HttpServletResponse response, String next, String error)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader(
                "Location",
                request.getContextPath() + SignIn.LOGIN_PAGE + "?error=" + error + "&next="
                        + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    /**
     * Only a path within this application: never an open redirect to another site, nor back into a sign-in (the
     * single sign-on's addresses would go round again).
     */
    static String localPath(String next) {
        if (next == null
                || !next.startsWith("/")
                || next.startsWith("//")
                || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20)
                || next.startsWith("/sso/")
                || next.startsWith("/oidcclient/")) {
            return HOME;
        }
        return next;
    }
}
