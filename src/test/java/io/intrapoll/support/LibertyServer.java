package io.intrapoll.support;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** A Liberty server of the build's runtime that a test starts, stops or kills itself (outside Arquillian). */
public final class LibertyServer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final String name;
    private final URI base;
    private final File wlp = new File(System.getProperty("wlp.home", "target/liberty/wlp"));

    public LibertyServer(String name, int httpPort) {
        this.name = name;
        this.base = URI.create("http://localhost:" + httpPort);
    }

    public URI base() {
        return base;
    }

    public Api as(String user) {
        return Api.at(base, user);
    }

    /** Starts the server unless it is ready already (another test of the class started it). */
    public void ensureReady() {
        try {
            if (Api.at(base, null).get("/health/ready").status() == 200) {
                return;
            }
        } catch (RuntimeException notListening) {
            // not started yet
        }
        startAndAwaitReady();
    }

    /** Starts the server without waiting for anything but the start command (a server without health checks). */
    public void start() {
        command("start");
    }

    /** Starts the server and waits until /health/ready answers 200. */
    public void startAndAwaitReady() {
        command("start");
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Api.at(base, null).get("/health/ready").status() == 200) {
                    return;
                }
            } catch (RuntimeException notListeningYet) {
                // keep waiting
            }
            Votes.sleep(500);
        }
        throw new AssertionError("server " + name + " not ready within " + START_TIMEOUT);
    }

    public void stop() {
        command("stop");
    }

    /** SIGKILL to the server's JVM: no shutdown, no chance to finish anything. */
    public void kill() {
        try {
            long pid = Long.parseLong(Files.readString(new File(wlp, "usr/servers/.pid/" + name + ".pid").toPath())
                    .trim());
            ProcessHandle.of(pid).ifPresent(process -> {
                process.destroyForcibly();
                process.onExit().join();
            });
        } catch (IOException e) {
            throw new IllegalStateException("no pid file for " + name, e);
        }
    }

    private void command(String action) {
        try {
            Process process = new ProcessBuilder(new File(wlp, "bin/server").getPath(), action, name)
                    .inheritIO()
                    .start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("server " + action + " timed out");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
