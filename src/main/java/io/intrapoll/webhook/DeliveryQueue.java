package io.intrapoll.webhook;

import io.intrapoll.platform.Messaging;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.transaction.Transactional;

/** Puts delivery attempts on the durable webhook queue, each after its delay (a broker restart keeps them). */
@ApplicationScoped
public class DeliveryQueue {

    static final String DELIVERY = "delivery";
    static final String ATTEMPT = "attempt";

    @Resource(lookup = Messaging.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = Messaging.WEBHOOKS)
    Queue webhooks;

    /** Attempt number {@code attempt} of the delivery, due after {@code delayMillis}; committed on return. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void send(String deliveryId, int attempt, long delayMillis) {
        try (JMSContext jms = connectionFactory.createContext()) {
            Message message = jms.createMessage();
            message.setStringProperty(DELIVERY, deliveryId);
            message.setIntProperty(ATTEMPT, attempt);
            jms.createProducer()
                    .setDeliveryMode(DeliveryMode.PERSISTENT)
                    .setDeliveryDelay(Math.max(0, delayMillis))
                    .send(webhooks, message);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("The webhook queue did not take an attempt", e);
        }
    }
}
