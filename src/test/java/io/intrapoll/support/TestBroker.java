package io.intrapoll.support;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

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

    /**
     * Puts a persistent JMS text message on a queue of the test broker, as an application node would (core
     * client, so the test needs no JMS provider of its own).
     */
    public static void send(String queue, String text, Map<String, String> properties) {
        String url = "tcp://127.0.0.1:" + System.getProperty("it.broker.port", "61626");
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url);
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession();
                ClientProducer producer = session.createProducer(queue)) {
            ClientMessage message = session.createMessage(Message.TEXT_TYPE, true);
            message.getBodyBuffer().writeNullableSimpleString(SimpleString.of(text));
            properties.forEach(message::putStringProperty);
            producer.send(message);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + queue, e);
        }
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
