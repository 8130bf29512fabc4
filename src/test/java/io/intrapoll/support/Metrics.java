package io.intrapoll.support;

/** Reading the integration-test server's own gauges from /metrics (Prometheus text). */
public final class Metrics {

    private Metrics() {}

    /** The value of an application gauge, by the start of its Prometheus name. */
    public static double gauge(String name) {
        String metrics = Api.anonymous().get("/metrics?scope=application").body();
        return metrics.lines()
                .filter(line -> line.startsWith(name))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no gauge " + name + " in " + metrics));
    }

    /** The value of an application metric with the given labels (name="value" pairs), in any label order. */
    public static long value(String name, String... labels) {
        String metrics = Api.anonymous().get("/metrics?scope=application").body();
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no " + name + " " + String.join(",", labels) + " in " + metrics));
    }
}
