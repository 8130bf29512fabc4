package io.intrapoll.admin;

import io.intrapoll.identity.Callers;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * The console is for admins, and for authors with their own polls; anyone else who opens it gets a page that
 * says so (403). The console's data comes from the API, which checks every call again.
 */
@WebFilter(filterName = "ConsoleAccess", urlPatterns = "/console/*")
public class ConsoleAccess extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String FORBIDDEN_PAGE = "/WEB-INF/console-forbidden.html";

    @Inject
    Callers callers;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (callers.current().isAuthor()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        try (InputStream page = request.getServletContext().getResourceAsStream(FORBIDDEN_PAGE)) {
            page.transferTo(response.getOutputStream());
        }
    }
}
