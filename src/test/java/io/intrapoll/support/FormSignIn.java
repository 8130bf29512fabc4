package io.intrapoll.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A browser's sign-in on the login form and its sign-out, as raw requests: the session travels as a cookie. */
public final class FormSignIn {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private FormSignIn() {}

    /** Signs in: the session's cookie ("JSESSIONID=..."), the last one set (the id changes at sign-in). */
    public static String signIn(URI server, String user, String password) throws Exception {
        HttpResponse<String> login = HTTP.send(
                HttpRequest.newBuilder(server.resolve("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", origin(server))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "username=" + user + "&password=" + password + "&next=/app/"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, login.statusCode(), "signed in");
        return login.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';')))
                .reduce((first, last) -> last)
                .orElseThrow();
    }

    /** Signs the session out: the status of the answer (303). */
    public static int signOut(URI server, String session) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(server.resolve("/logout"))
                                .header("Cookie", session)
                                .header("Origin", origin(server))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static String origin(URI server) {
        return server.getScheme() + "://" + server.getHost() + ":" + server.getPort();
    }
}
