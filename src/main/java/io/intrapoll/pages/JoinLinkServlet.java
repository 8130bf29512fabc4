package io.intrapoll.pages;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * {@code /j/{code}}: the address on the presenter's screen leads to the event's page, which finds the event by its
 * code (the API answers for an unknown or ended one). Only letters, digits and a dash go into the address.
 */
@WebServlet(name = "JoinLink", urlPatterns = "/j/*")
public class JoinLinkServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9-]{1,12}");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        String code = path == null ? "" : path.substring(1);
        if (!CODE.matcher(code).matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.sendRedirect(
                request.getContextPath() + "/app/event.html?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8));
    }

    /** The join address, absolute, for the presenter's screen and its QR code. */
    static String joinLink(HttpServletRequest request, String code) {
        return VotePages.origin(request) + "/j/" + code;
    }

    static boolean isCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }
}
