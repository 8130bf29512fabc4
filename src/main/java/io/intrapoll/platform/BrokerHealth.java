package io.intrapoll.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the broker answers: without it no vote can be made durable. */
@Readiness
@ApplicationScoped
public class BrokerHealth implements HealthCheck {

    @Resource(lookup = Messaging.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = Messaging.BALLOTS)
    Queue ballotQueue;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("broker");
        // Browsing needs a round trip to the broker; a pooled connection alone proves nothing.
        try (JMSContext jms = connectionFactory.createContext();
                QueueBrowser browser = jms.createBrowser(ballotQueue)) {
            browser.getEnumeration();
            return response.up().build();
        } catch (JMSRuntimeException | JMSException | IllegalStateException e) {
            return response.down()
                    .withData("reason", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
