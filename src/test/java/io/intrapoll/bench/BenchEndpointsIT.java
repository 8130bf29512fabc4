package io.intrapoll.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.Api;
import io.intrapoll.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bench's yardsticks do not exist on a server that is not benchmarking. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BenchEndpointsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.intrapoll();
    }

    @Test
    void benchEndpointsAreNotFoundUnlessTheBenchSwitchesThemOn() {
        Api voter = Api.as("voter690");
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
