package io.intrapoll.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The machine's PostgreSQL cluster, which a test may stop and start again (needs pg_ctlcluster and root). */
public final class TestPostgres {

    private TestPostgres() {}

    public static void stop() {
        run("stop", "-m", "fast");
    }

    public static void start() {
        run("start");
    }

    private static void run(String action, String... options) {
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            String version = versions.map(path -> path.getFileName().toString())
                    .sorted()
                    .findFirst()
                    .orElseThrow();
            var command = new java.util.ArrayList<>(
                    java.util.List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action));
            command.addAll(java.util.List.of(options));
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("pg_ctlcluster " + action + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
