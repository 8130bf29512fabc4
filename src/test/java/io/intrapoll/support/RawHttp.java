package io.intrapoll.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Requests written byte for byte over a socket, for addresses that java.net.URI (and so java.net.http) refuses to
 * send, such as a {@code [} in a path. HTTP/1.0, so the server ends its answer by closing the connection and sends
 * no chunks.
 */
public final class RawHttp {

    private RawHttp() {}

    /** An answer: its status, its headers (names in lower case, the last of each kept) and its body as text. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        @Override
        public String toString() {
            return status + " " + header("Content-Type") + " " + body;
        }
    }

    /** Sends {@code method target} (as written, nothing encoded) with the given header lines ("Name: value"). */
    public static Answer send(URI server, String method, String target, String... headers) {
        return send(server, method, target, null, headers);
    }

    /** The same with a body (its Content-Length added), sent as the bytes given. */
    public static Answer send(URI server, String method, String target, byte[] body, String... headers) {
        StringBuilder request = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.0\r\nHost: ")
                .append(server.getHost())
                .append(':')
                .append(server.getPort())
                .append("\r\nConnection: close\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Length: ").append(body.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = socket.getInputStream();
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer parse(String response) {
        int end = response.indexOf("\r\n\r\n");
        String head = end < 0 ? response : response.substring(0, end);
        String body = end < 0 ? "" : response.substring(end + 4);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        return new Answer(status, headers, body);
    }
}
