package io.intrapoll.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.platform.Caches;
import io.intrapoll.platform.LocalCaches;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VerifiedSignInsTest {

    private final Caches caches = LocalCaches.start();
    private final VerifiedSignIns verified = started(caches, 1);

    @AfterEach
    void stop() {
        LocalCaches.stop(caches);
    }

    @Test
    void exactlyTheAcceptedNameAndPasswordAreRecalled() {
        var signedIn = new VerifiedSignIns.SignedIn("ada", Set.of("engineering"));
        verified.remember(new BasicCredentials("ada", "s3cret"), signedIn);

        assertEquals(Optional.of(signedIn), verified.recall(new BasicCredentials("ada", "s3cret")));
        assertTrue(verified.recall(new BasicCredentials("ada", "s3creT")).isEmpty(), "another password");
        assertTrue(verified.recall(new BasicCredentials("bob", "s3cret")).isEmpty(), "another name");
        // The name and password are kept apart in the key: moving a character across does not match.
        assertTrue(verified.recall(new BasicCredentials("ada" + "s", "3cret")).isEmpty());
    }

    @Test
    void nothingIsRecalledAfterTheLifespan() throws InterruptedException {
        verified.remember(new BasicCredentials("ada", "s3cret"), new VerifiedSignIns.SignedIn("ada", Set.of()));
        Thread.sleep(1_200); // the lifespan here: a second
        assertTrue(verified.recall(new BasicCredentials("ada", "s3cret")).isEmpty());
    }

    @Test
    void eachNodeHasItsOwnSaltSoItsKeysMeanNothingElsewhere() {
        VerifiedSignIns other = started(caches, 1);
        verified.remember(new BasicCredentials("ada", "s3cret"), new VerifiedSignIns.SignedIn("ada", Set.of()));
        assertTrue(other.recall(new BasicCredentials("ada", "s3cret")).isEmpty());
    }

    private static VerifiedSignIns started(Caches caches, int seconds) {
        VerifiedSignIns signIns = new VerifiedSignIns();
        signIns.caches = caches;
        signIns.verifiedSeconds = seconds;
        signIns.start();
        return signIns;
    }
}
