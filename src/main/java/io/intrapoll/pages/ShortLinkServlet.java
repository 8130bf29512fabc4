package io.intrapoll.pages;

import io.intrapoll.poll.PollId;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** {@code /v/{pollId}}: the short link shown on the presenter's screen leads to the poll's vote page. */
@WebServlet(name = "ShortLink", urlPatterns = "/v/*")
public class ShortLinkServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        Optional<PollId> pollId = PollId.parse(path == null ? null : path.substring(1));
        if (pollId.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.sendRedirect(VotePages.votePage(request, pollId.get()));
    }
}
