package io.intrapoll.pages;

import io.intrapoll.poll.PollId;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code /embed/{pollId}}: the compact poll page that intranet sites frame (the ones
 * {@code intrapoll.embed.allowed-origins} names; io.intrapoll.platform.SecurityHeaders says so to browsers), a
 * ballot and then the live results in one small view. It is public, as the login page is: it holds no data, and a
 * sign-in redirect inside a frame would end on the login page, which no site may frame. Its script asks the API,
 * and a visitor not signed in signs in in a window of its own, which comes back to {@code /embed/signed-in} and
 * tells the frame.
 */
@WebServlet(name = "Embed", urlPatterns = "/embed/*")
public class EmbedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String PAGE = "/WEB-INF/embed.html";
    static final String SIGNED_IN = "signed-in";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        String name = path == null ? "" : path.substring(1);
        if (!name.equals(SIGNED_IN) && PollId.parse(name).isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        try (InputStream page = request.getServletContext().getResourceAsStream(PAGE)) {
            page.transferTo(response.getOutputStream());
        }
    }
}
