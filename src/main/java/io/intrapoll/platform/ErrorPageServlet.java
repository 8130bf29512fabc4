package io.intrapoll.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container's error page (see web.xml): errors that never reach JAX-RS, such as a missing login or an
 * unknown path, are answered with problem+json as well.
 */
@WebServlet(name = "ErrorPage", urlPatterns = "/problem")
public class ErrorPageServlet extends HttpServlet {

    /** A request attribute with the detail to tell, for errors the container raises on a component's behalf. */
    public static final String DETAIL = "io.intrapoll.problem.detail";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 404;
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure != null && status < 400) {
            status = 500;
        }
        if (failure != null && BodyLimit.isCause(failure)) {
            status = 413;
        }
        if (status >= 500 && failure != null) {
            LOG.log(Level.SEVERE, "Unhandled failure", failure);
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Object told = request.getAttribute(DETAIL);
        String detail = status >= 500 ? null : told != null ? told.toString() : HttpProblems.defaultDetail(status);
        Problem problem = HttpProblems.forStatus(status, detail)
                .withInstance(uri != null ? uri.toString() : request.getRequestURI());
        problem.writeTo(response);
    }
}
