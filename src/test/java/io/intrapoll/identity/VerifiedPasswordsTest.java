package io.intrapoll.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class VerifiedPasswordsTest {

    @Test
    void theKeyTellsNameAndPasswordApartAndHoldsNeither() {
        VerifiedPasswords passwords = new VerifiedPasswords();
        String key = passwords.key("alice", "s3cret");
        assertEquals(key, passwords.key("alice", "s3cret"), "the same pair, the same entry");
        assertNotEquals(key, passwords.key("alice", "s3creT"), "another password, another entry");
        assertNotEquals(passwords.key("ab", "c"), passwords.key("a", "bc"), "where the name ends counts");
        assertFalse(key.contains("s3cret") || key.contains("alice"));
        assertEquals(64, key.length(), "HMAC-SHA256 in hex");
    }

    @Test
    void eachProcessHasItsOwnKey() {
        assertNotEquals(new VerifiedPasswords().key("alice", "s3cret"), new VerifiedPasswords().key("alice", "s3cret"));
    }
}
