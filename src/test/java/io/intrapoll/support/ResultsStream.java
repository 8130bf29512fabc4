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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A client of GET /polls/{id}/results/stream: the "results" events it received, in order. */
public final class ResultsStream implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final CountDownLatch ended = new CountDownLatch(1);

    private ResultsStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "results-stream-reader");
        reader.setDaemon(true);
        if (response.statusCode() == 200) {
            reader.start();
        }
    }

    /** Opens the stream as the given demo user (password = name). */
    public static ResultsStream open(URI server, String user, String pollId) throws Exception {
        return openWith(server, pollId, "Authorization", Api.basicAuthorization(user));
    }

    /** Opens the stream with the given headers (name, value, ...): a session cookie, a bearer token. */
    public static ResultsStream openWith(URI server, String pollId, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        server.resolve("/api/v1/polls/" + pollId + "/results/stream"))
                .header("Accept", "text/event-stream")
                .GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return new ResultsStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    /** Waits for an event showing the poll in this status; null if none came within the wait. */
    public JsonObject awaitStatus(String status, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject event = next(Duration.ofNanos(deadline - System.nanoTime()));
            if (event != null && status.equals(event.getString("status"))) {
                return event;
            }
        }
        return null;
    }

    /** Whether the server ended the stream within the wait. */
    public boolean awaitEnd(Duration wait) throws InterruptedException {
        return ended.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return header("Content-Type");
    }

    /** A header of the answer, or "" if it has none. */
    public String header(String name) {
        return response.headers().firstValue(name).orElse("");
    }

    /** The body of a refused stream (a problem). */
    public String body() {
        return String.join("\n", (Iterable<String>) response.body()::iterator);
    }

    /** The next "results" event, or null if none came within the wait. */
    public JsonObject next(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for an event showing at least this many ballots; null if none came within the wait. */
    public JsonObject awaitBallots(long ballots, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject event = next(Duration.ofNanos(deadline - System.nanoTime()));
            if (event != null && event.getJsonNumber("totalBallots").longValue() >= ballots) {
                return event;
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
                if (line.isEmpty()) { // the end of an event
                    if ("results".equals(name) && data.length() > 0) {
                        events.add(Json.createReader(new StringReader(data.toString()))
                                .readObject());
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
        } finally {
            ended.countDown();
        }
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
