package io.intrapoll.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for the API under test, acting as one demo user (or as nobody). */
public final class Api {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI server;
    private final String user;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Api(URI server, String user) {
        this.server = server;
        this.user = user;
    }

    /** The integration-test server, as the given demo user (password = name). */
    public static Api as(String user) {
        return new Api(itServer(), user);
    }

    public static Api anonymous() {
        return new Api(itServer(), null);
    }

    public static URI itServer() {
        return URI.create("http://localhost:" + System.getProperty("it.http.port", "9181"));
    }

    /** The Authorization header of a demo user (password = name). */
    public static String basicAuthorization(String user) {
        return basicAuthorization(user, user);
    }

    public static String basicAuthorization(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static Api at(URI server, String user) {
        return new Api(server, user);
    }

    /** A copy that sends this header on every request. */
    public Api with(String name, String value) {
        Api copy = new Api(server, user);
        copy.headers.putAll(headers);
        copy.headers.put(name, value);
        return copy;
    }

    public Reply get(String path) {
        return send("GET", path, null, null);
    }

    public Reply post(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    public Reply post(String path) {
        return send("POST", path, null, null);
    }

    public Reply patch(String path, String json) {
        return send("PATCH", path, "application/json", json);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Reply send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (user != null) {
            request.header("Authorization", basicAuthorization(user));
        }
        headers.forEach(request::header);
        try {
            return new Reply(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer, with its body read as JSON where it is JSON. */
    public record Reply(HttpResponse<String> http) {

        public int status() {
            return http.statusCode();
        }

        public String header(String name) {
            return http.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public String body() {
            return http.body();
        }

        public JsonObject json() {
            return Json.createReader(new StringReader(http.body())).readObject();
        }

        public JsonArray array(String field) {
            return json().getJsonArray(field);
        }

        public String string(String field) {
            return json().getString(field);
        }

        public boolean isProblem() {
            return contentType() != null && contentType().startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status() + " " + http.body();
        }

        public JsonValue value(String field) {
            return json().get(field);
        }
    }
}
