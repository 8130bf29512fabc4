package io.intrapoll.tally;

import io.intrapoll.platform.Messaging;
import io.intrapoll.platform.Tracing;
import io.intrapoll.poll.PollId;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.Arrays;
import java.util.List;

/**
 * Every node subscribes to the tally topic (a non-durable subscription each, so every node hears every change)
 * and tells its own results streams. Announcements are hints: nothing is transacted, a lost one is made good by
 * the next. The activation is configured in messaging.xml under the id "intrapoll/TallyChangeListener".
 */
@MessageDriven(name = "TallyChangeListener")
@TransactionManagement(TransactionManagementType.BEAN)
public class TallyChangeListener implements MessageListener {

    @Inject
    ResultsStreams streams;

    @Inject
    Tracing tracing;

    @Inject
    Event<ResultsChanged> announced;

    @Override
    public void onMessage(Message message) {
        List<Tracing.Span> spans = List.of();
        try {
            spans = received(message.getStringProperty(Messaging.TRACES_PROPERTY));
            String polls = message.getStringProperty(Messaging.POLLS_PROPERTY);
            if (polls != null && !polls.isBlank()) {
                // Text that is no poll id names no stream: a hint lost, like an unreadable one.
                List<PollId> changed = Arrays.stream(polls.split(","))
                        .flatMap(id -> PollId.parse(id).stream())
                        .toList();
                streams.changed(changed);
                announced.fire(new ResultsChanged(changed));
            }
        } catch (JMSException unreadable) {
            // a hint we cannot read is a hint lost: the next change brings the streams up to date
        } finally {
            spans.forEach(Tracing.Span::end);
        }
    }

    /** This node's part of each traced ballot's results event: telling its streams. */
    private List<Tracing.Span> received(String traces) {
        if (traces == null || traces.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(traces.split(","))
                .map(parent -> tracing.start("results event received", Tracing.Kind.CONSUMER, parent))
                .toList();
    }
}
