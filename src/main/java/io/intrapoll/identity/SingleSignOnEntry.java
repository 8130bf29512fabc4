package io.intrapoll.identity;

import com.ibm.websphere.security.auth.WSSubject;
import com.ibm.websphere.security.cred.WSCredential;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;

/**
 * {@code GET /sso/start?next=...}: where a browser signs in with the OpenID provider. It is the one servlet of the
 * small second application {@code intrapoll-sso.war} (context root {@code /sso}), which Liberty's
 * {@code openidConnectClient} protects: Liberty runs the authorization-code flow before this is called, and here the
 * caller, its groups (the ID token's) and the ID token itself are handed, within this server, to the main
 * application's {@link SingleSignOnServlet}, which opens an Intrapoll browser session like the login form does.
 *
 * <p>Why a second application: Liberty consults its trust-association interceptors, the OpenID Connect client among
 * them, only for applications without a Jakarta Security mechanism, and the main application has one
 * ({@link SignIn}) for its login page, Basic and tokens.
 *
 * <p>Not a CDI bean and not annotated: the main WAR holds this class too and must not map it.
 */
public class SingleSignOnEntry extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Request attributes the main application reads; a browser cannot set request attributes. */
    static final String CALLER = "io.intrapoll.sso.caller";

    static final String GROUPS = "io.intrapoll.sso.groups";
    static final String ID_TOKEN = "io.intrapoll.sso.id-token";
    static final String NEXT = "io.intrapoll.sso.next";
    static final String COMPLETION_PATH = "/sso-complete";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (request.getUserPrincipal() == null) { // not reached: the provider's sign-in comes first
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        String caller = request.getUserPrincipal().getName();
        List<String> groups = new ArrayList<>();
        String idToken = null;
        try {
            Subject subject = WSSubject.getCallerSubject();
            for (WSCredential credential : subject.getPublicCredentials(WSCredential.class)) {
                for (Object group : credential.getGroupIds()) {
                    groups.add(String.valueOf(group));
                }
            }
            for (Map<?, ?> properties : subject.getPrivateCredentials(Map.class)) {
                if (properties.get("id_token") instanceof String token) {
                    idToken = token;
                }
            }
        } catch (Exception e) {
            throw new ServletException("The provider's sign-in left no readable caller", e);
        } finally {
            // Intrapoll's own session carries the sign-in from here on, not this application's (nor its cookies),
            // whatever happens next.
            request.logout();
        }
        ServletContext main = getServletContext().getContext("/");
        if (main == null) {
            throw new ServletException("The main application is not on this server's root");
        }
        request.setAttribute(CALLER, caller);
        request.setAttribute(GROUPS, List.copyOf(groups));
        request.setAttribute(ID_TOKEN, idToken);
        request.setAttribute(NEXT, request.getParameter("next"));
        main.getRequestDispatcher(COMPLETION_PATH).forward(request, response);
    }
}
