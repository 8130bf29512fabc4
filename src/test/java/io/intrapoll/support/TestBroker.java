package io.intrapoll.support;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The integration tests' external Artemis broker, which tests may crash and restart. */
public final class TestBroker {

    private TestBroker() {}

    /** SIGKILL, as a crash would. */
    public static void kill() {
        run("kill");
    }

    public static void start() {
        run("start");
    }

    private static void run(String action) {
        try {
            Process process = new ProcessBuilder(
                            "bash",
                            System.getProperty("it.broker.script", "src/build/artemis-broker.sh"),
                            action,
                            System.getProperty("it.broker.instance", "target/artemis/instance"),
                            System.getProperty("it.broker.port", "61626"))
                    .inheritIO()
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("broker " + action + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
