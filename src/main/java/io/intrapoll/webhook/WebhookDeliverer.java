package io.intrapoll.webhook;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the delivery attempts the webhook queue holds (activation "intrapoll/WebhookDeliverer" in messaging.xml).
 * Bean-managed: each step commits on its own ({@link DeliveryAttempts}), and the message is acknowledged once the
 * attempt is recorded and the next one queued; a node that dies meanwhile leaves the message to be delivered again,
 * and the attempt number keeps it from running twice.
 */
@MessageDriven(name = "WebhookDeliverer")
@TransactionManagement(TransactionManagementType.BEAN)
public class WebhookDeliverer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(WebhookDeliverer.class.getName());

    @Inject
    DeliveryAttempts attempts;

    @Override
    public void onMessage(Message message) {
        String delivery;
        int attempt;
        try {
            delivery = message.getStringProperty(DeliveryQueue.DELIVERY);
            attempt = message.getIntProperty(DeliveryQueue.ATTEMPT);
        } catch (JMSException | RuntimeException unreadable) {
            LOG.log(Level.WARNING, "A webhook queue message without a delivery was dropped", unreadable);
            return;
        }
        if (delivery == null) {
            LOG.warning("A webhook queue message without a delivery was dropped");
            return;
        }
        attempts.run(delivery, attempt); // a failure throws: the broker delivers the message again later
    }
}
