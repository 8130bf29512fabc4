package io.intrapoll.pages;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * The pages, scripts, styles and translations under {@code src/main/webapp}, served from memory. Liberty's own file
 * serving asks the file system for a file's existence, size and modification time and opens and reads it on every
 * request (a fifth of a static page's CPU in a profile, bench/CHANGES.md); these files never change while the
 * application runs, so each is read once, at its first request. Only files that exist are kept (a few hundred KB):
 * an unknown address is not remembered, and gets the container's 404 problem.
 *
 * <p>As the container would answer: its content type for the name, Last-Modified (a later If-Modified-Since gets
 * 304, by HttpServlet), and an ETag that If-None-Match is checked against. Every filter runs before (security
 * headers, the console's access check); the welcome files of {@code /app/} and {@code /console/} come here too.
 */
@WebServlet(
        name = "StaticFiles",
        urlPatterns = {"/assets/*", "*.html"},
        asyncSupported = true)
public class StaticFiles extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** What a file is served as: its bytes and the headers that describe them. */
    private record StaticFile(byte[] body, String contentType, long lastModified, String etag) {}

    private final transient Map<String, StaticFile> files = new ConcurrentHashMap<>();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Optional<StaticFile> found = file(request);
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        StaticFile file = found.get();
        response.setHeader("ETag", file.etag());
        if (file.etag().equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(file.contentType());
        response.setContentLength(file.body().length);
        response.getOutputStream().write(file.body());
    }

    /** HttpServlet answers If-Modified-Since with it, and sets Last-Modified. */
    @Override
    protected long getLastModified(HttpServletRequest request) {
        return file(request).map(StaticFile::lastModified).orElse(-1L);
    }

    private Optional<StaticFile> file(HttpServletRequest request) {
        // As the container resolved it: decoded and normalised ("/app/../login.html" is "/login.html").
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        StaticFile known = files.get(path);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<StaticFile> read = read(path);
        read.ifPresent(file -> files.putIfAbsent(path, file));
        return read;
    }

    private Optional<StaticFile> read(String path) {
        if (path.endsWith("/") || path.startsWith("/WEB-INF") || path.startsWith("/META-INF")) {
            return Optional.empty();
        }
        try {
            URL resource = getServletContext().getResource(path);
            Set<String> children = getServletContext().getResourcePaths(path); // a file has none (Liberty: empty)
            if (resource == null || (children != null && !children.isEmpty())) { // none, or a directory
                return Optional.empty();
            }
            long lastModified = resource.openConnection().getLastModified();
            byte[] body;
            try (InputStream in = resource.openStream()) {
                body = in.readAllBytes();
            }
            CRC32 checksum = new CRC32();
            checksum.update(body);
            String contentType =
                    Optional.ofNullable(getServletContext().getMimeType(path)).orElse("application/octet-stream");
            String etag = "\"" + HexFormat.of().toHexDigits((int) checksum.getValue()) + "-" + body.length + "\"";
            // Seconds, as Last-Modified carries them: an If-Modified-Since of the same second is "not modified".
            return Optional.of(new StaticFile(body, contentType, lastModified / 1000 * 1000, etag));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path + " from the application", e);
        }
    }
}
