package io.intrapoll.tally;

import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.singleChoice;
import static io.intrapoll.support.Votes.optionIds;
import static io.intrapoll.support.Votes.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Voters;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.json.JsonObject;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/** Counting a group of ballots announces the changed polls on the topic intrapoll.tallies. */
class TallyTopicIT extends AgainstTheServer {

    @Test
    void countedVoteIsAnnouncedOnTheTallyTopic() throws Exception {
        JsonObject poll = create(Api.as("author"), singleChoice("Announced").add("open", true));
        String id = poll.getString("id");
        String broker = "tcp://127.0.0.1:" + System.getProperty("it.broker.port", "61626");
        try (var factory = new ActiveMQConnectionFactory(broker, "intrapoll", "intrapoll");
                JMSContext jms = factory.createContext();
                JMSConsumer subscriber = jms.createConsumer(jms.createTopic("intrapoll.tallies"))) {
            assertEquals(
                    202, vote(Api.as(Voters.fresh()), id, optionIds(poll)[0]).status());
            long deadline = System.currentTimeMillis() + 15_000;
            Message announced = null;
            while (announced == null && System.currentTimeMillis() < deadline) {
                Message message = subscriber.receive(1000);
                if (message != null && message.getStringProperty("polls").contains(id)) {
                    announced = message;
                }
            }
            assertNotNull(announced, "the tally change of poll " + id + " was announced");
            assertTrue(announced.getBody(String.class).contains(id));
        }
    }
}
