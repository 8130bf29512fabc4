package io.intrapoll.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    /** The example of the Standard Webhooks specification's test vectors (and its reference libraries' tests). */
    @Test
    void signsAsTheSpecificationsExample() {
        assertEquals(
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                Signatures.sign(
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        "msg_p5jXN8AQM9LWM0D4loKWxJek",
                        1614265330,
                        "{\"test\": 2432232314}"));
    }

    @Test
    void secretsAreTwentyFourRandomBytes() {
        String secret = Signatures.newSecret();
        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(24, Base64.getDecoder().decode(secret.substring(6)).length);
        assertNotEquals(secret, Signatures.newSecret());
    }

    @Test
    void internalAddressesAreKnown() throws Exception {
        for (String internal : new String[] {
            "127.0.0.1",
            "10.0.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fd12:3456::1",
            "224.0.0.1"
        }) {
            assertTrue(WebhookAddresses.isInternal(InetAddress.getByName(internal)), internal);
        }
        for (String external : new String[] {"203.0.113.7", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2001:db8::1"}) {
            assertFalse(WebhookAddresses.isInternal(InetAddress.getByName(external)), external);
        }
    }
}
