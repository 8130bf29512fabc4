package io.intrapoll.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Health, metrics and the OpenAPI document, as operators and API consumers reach them (no credentials). */
class OperationsIT extends AgainstTheServer {

    private final Api nobody = Api.anonymous();

    @Test
    void readinessChecksThePostgresqlDatabase() {
        Api.Reply ready = nobody.get("/health/ready");
        assertEquals(200, ready.status(), ready::toString);
        JsonObject database = ready.array("checks").stream()
                .map(check -> check.asJsonObject())
                .filter(check -> check.getString("name").equals("database"))
                .findFirst()
                .orElseThrow();
        assertEquals("UP", database.getString("status"));
        assertEquals("PostgreSQL", database.getJsonObject("data").getString("product"));
    }

    @Test
    void livenessAndStartupAnswer() {
        assertEquals(200, nobody.get("/health/live").status());
        assertEquals(200, nobody.get("/health/started").status());
    }

    @Test
    void metricsArePrometheusText() {
        Api.Reply metrics = nobody.get("/metrics");
        assertEquals(200, metrics.status());
        assertTrue(metrics.contentType().startsWith("text/plain"), metrics.contentType());
        // Every sample line is "name{labels} value", as a Prometheus scraper reads it.
        Pattern sample = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*})? -?[0-9.eE+-]+|NaN$");
        List<String> samples = metrics.body()
                .lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .toList();
        assertTrue(samples.size() > 10);
        samples.forEach(line -> assertTrue(sample.matcher(line).find(), line));
        assertTrue(metrics.body().contains("# TYPE "));
    }

    @Test
    void openApiDescribesEveryPollsPathWithSchemas() {
        Api.Reply document = nobody.with("Accept", "application/json").get("/openapi");
        assertEquals(200, document.status());
        JsonObject openapi = document.json();
        JsonObject paths = openapi.getJsonObject("paths");
        for (String path : List.of(
                "/api/v1/polls",
                "/api/v1/polls/{id}",
                "/api/v1/polls/{id}/open",
                "/api/v1/polls/{id}/close",
                "/api/v1/polls/{id}/archive")) {
            assertTrue(paths.containsKey(path), path);
        }
        JsonObject poll = paths.getJsonObject("/api/v1/polls/{id}");
        assertTrue(poll.containsKey("get") && poll.containsKey("patch") && poll.containsKey("delete"));
        JsonObject schemas = openapi.getJsonObject("components").getJsonObject("schemas");
        for (String schema : List.of("Poll", "PollInput", "PollPage", "Problem")) {
            assertTrue(schemas.containsKey(schema), schema);
        }
        String create =
                paths.getJsonObject("/api/v1/polls").getJsonObject("post").toString();
        assertTrue(create.contains("example"), "the create call carries an example");
        assertTrue(create.contains("\"422\"") && create.contains("\"400\"") && create.contains("\"413\""));
    }

    @Test
    void everyOperationHasAnOperationIdOfItsOwn() {
        JsonObject paths =
                nobody.with("Accept", "application/json").get("/openapi").json().getJsonObject("paths");
        List<String> methods = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
        record Described(String operation, String operationId) {}
        List<Described> operations = paths.keySet().stream()
                .flatMap(path -> methods.stream()
                        .filter(paths.getJsonObject(path)::containsKey)
                        .map(method -> new Described(
                                method + " " + path,
                                paths.getJsonObject(path).getJsonObject(method).getString("operationId", ""))))
                .toList();
        assertTrue(operations.size() > 1, operations::toString);
        List<String> withoutId = operations.stream()
                .filter(described -> described.operationId().isBlank())
                .map(Described::operation)
                .toList();
        assertEquals(List.of(), withoutId, "operations without an operationId");
        List<String> ids = operations.stream().map(Described::operationId).toList();
        assertEquals(ids.stream().distinct().toList(), ids, "each operationId names one operation");
    }

    @Test
    void errorAnswersAreTheSharedProblemResponses() {
        JsonObject openapi =
                nobody.with("Accept", "application/json").get("/openapi").json();
        JsonObject getPoll = openapi.getJsonObject("paths")
                .getJsonObject("/api/v1/polls/{id}")
                .getJsonObject("get")
                .getJsonObject("responses");
        assertEquals(
                "#/components/responses/NotFound", getPoll.getJsonObject("404").getString("$ref"));
        JsonObject notFound = openapi.getJsonObject("components")
                .getJsonObject("responses")
                .getJsonObject("NotFound")
                .getJsonObject("content")
                .getJsonObject("application/problem+json");
        assertEquals(
                "#/components/schemas/Problem", notFound.getJsonObject("schema").getString("$ref"));
    }

    @Test
    void openApiUiIsServed() {
        assertEquals(200, nobody.get("/openapi/ui/").status());
    }
}
