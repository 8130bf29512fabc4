package io.intrapoll.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Voters;
import org.junit.jupiter.api.Test;

/** The bench's yardsticks do not exist on a server that is not benchmarking. */
class BenchEndpointsIT extends AgainstTheServer {

    @Test
    void benchEndpointsAreNotFoundUnlessTheBenchSwitchesThemOn() {
        Api voter = Api.as(Voters.fresh());
        Api.Reply noop = voter.post("/api/v1/bench/noop", "{\"optionIds\": [\"a\"]}");
        assertEquals(404, noop.status());
        assertTrue(noop.isProblem());
        assertEquals(
                404,
                voter.post("/api/v1/bench/naive-votes/demo", "{\"optionIds\": [\"a\"]}")
                        .status());
        assertTrue(!Api.anonymous().get("/openapi").body().contains("/bench/"), "not in the OpenAPI document");
    }
}
