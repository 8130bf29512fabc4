package io.intrapoll.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.intrapoll.poll.PollId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** How a voter is recorded: a pseudonym must stay what it was, or a person could vote again in an anonymous poll. */
class VoterKeysTest {

    private final VoterKeys keys = new VoterKeys();

    VoterKeysTest() {
        keys.secret = "unit-test-secret";
    }

    @Test
    void aNamedPollRecordsTheUserName() {
        assertEquals("ana", keys.keyFor(new PollId("poll-1"), "ana", false));
    }

    @Test
    void anAnonymousPollRecordsTheKeyedHashOfThePollIdsTextAndTheUser() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("unit-test-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "p:"
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(mac.doFinal("poll-1\nana".getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, keys.keyFor(new PollId("poll-1"), "ana", true));
    }
}
