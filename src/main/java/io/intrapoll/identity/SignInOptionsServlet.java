package io.intrapoll.identity;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /sign-in-options} (public): how a browser can sign in besides the login form, for the login page:
 * {@code {"singleSignOn": {"start": "/sso/start", "provider": "..."}}} or {@code {"singleSignOn": null}}.
 */
@WebServlet(name = "SignInOptions", urlPatterns = "/sign-in-options")
public class SignInOptionsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    SingleSignOn singleSignOn;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(singleSignOn.options().toString());
    }
}
