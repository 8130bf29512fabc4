package io.intrapoll.pages;

import io.intrapoll.poll.PollId;
import io.nayuki.qrcodegen.QrCode;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code /app/qr.svg?poll={id}} or {@code ?join={code}}: the QR code of a poll's short link or an event's join
 * address, as SVG, for the presenter view. It encodes
 * only the link; whoever scans it still signs in and is checked against the poll's audience.
 */
@WebServlet(name = "QrCode", urlPatterns = "/app/qr.svg")
public class QrCodeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int QUIET_ZONE = 4;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String join = request.getParameter("join");
        Optional<PollId> pollId = PollId.parse(request.getParameter("poll"));
        String link;
        if (JoinLinkServlet.isCode(join)) {
            link = JoinLinkServlet.joinLink(request, join);
        } else if (pollId.isPresent()) {
            link = VotePages.shortLink(request, pollId.get());
        } else {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        QrCode code = QrCode.encodeText(link, QrCode.Ecc.MEDIUM);
        response.setContentType("image/svg+xml");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "private, max-age=3600");
        response.getWriter().write(svg(code));
    }

    static String svg(QrCode code) {
        int size = code.size + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < code.size; y++) {
            for (int x = 0; x < code.size; x++) {
                if (code.getModule(x, y)) {
                    path.append('M')
                            .append(x + QUIET_ZONE)
                            .append(',')
                            .append(y + QUIET_ZONE)
                            .append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
