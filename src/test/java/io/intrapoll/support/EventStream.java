package io.intrapoll.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A client of GET /events/{id}/stream: every named event it received, in order. */
public final class EventStream implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** One server-sent event: its name and its data as JSON. */
    public record Received(String name, JsonObject data) {}

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Received> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        if (response.statusCode() == 200) {
            reader.start();
        }
    }

    /** Opens the stream as the given demo user (password = name). */
    public static EventStream open(URI server, String user, String eventId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/v1/events/" + eventId + "/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", Api.basicAuthorization(user))
                .GET()
                .build();
        return new EventStream(HTTP.send(request, HttpResponse.BodyHandlers.ofLines()));
    }

    public int status() {
        return response.statusCode();
    }

    /** Waits for an event of this name whose data passes the test; null if none came within the wait. */
    public JsonObject await(String name, Predicate<JsonObject> wanted, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Received event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event != null && event.name().equals(name) && wanted.test(event.data())) {
                return event.data();
            }
        }
        return null;
    }

    private void read() {
        String name = null;
        StringBuilder data = new StringBuilder();
        Iterator<String> lines = response.body().iterator();
        try {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.isEmpty()) {
                    if (name != null && data.length() > 0) {
                        events.add(new Received(
                                name,
                                Json.createReader(new StringReader(data.toString()))
                                        .readObject()));
                    }
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (RuntimeException closed) {
            // the stream was closed
        }
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
