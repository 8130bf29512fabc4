package io.intrapoll.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Votes;
import jakarta.json.JsonString;
import java.util.List;
import java.util.Map;
import org.jgroups.JChannel;
import org.junit.jupiter.api.Test;

/**
 * The cache cluster lets in only members that hold its key: a stranger that reaches the integration-test server's
 * JGroups port with the very same stack, cluster name and discovery, but without the key, stays alone, and the
 * server never counts it among its members.
 */
class ClusterSecurityIT extends AgainstTheServer {

    private static final String STRANGER = "stranger-without-the-key";

    @Test
    void aMemberWithoutTheClusterKeyIsNotLetIn() throws Exception {
        Map<String, String> stack = Map.of(
                "jgroups.bind_addr", "127.0.0.1",
                "jgroups.tcp.port", "7899",
                "jgroups.tcpping.initial_hosts", "127.0.0.1[7800]");
        stack.forEach(System::setProperty);
        try (JChannel stranger = new JChannel("intrapoll-jgroups.xml")) {
            stranger.name(STRANGER);
            stranger.connect("intrapoll"); // the server's cluster name (intrapoll.cluster.name)
            // Discovery finds the server; MERGE3 checks every 5-15 s whether two clusters should become one.
            for (int i = 0; i < 20; i++) {
                assertEquals(1, stranger.getView().size(), "the stranger's view: " + stranger.getView());
                assertFalse(members().contains(STRANGER), "the server's members: " + members());
                Votes.sleep(1000);
            }
        } finally {
            stack.keySet().forEach(System::clearProperty);
        }
    }

    private static List<String> members() {
        return Api.as("admin")
                .get("/api/v1/admin/operations")
                .json()
                .getJsonArray("members")
                .getValuesAs(JsonString::getString);
    }
}
