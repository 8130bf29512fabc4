package io.intrapoll.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CallerProducerTest {

    @Test
    void groupNameFromABasicRegistryId() {
        assertEquals("engineering", CallerProducer.groupName("group:intrapoll/engineering"));
    }

    @Test
    void groupNameFromADirectoryDistinguishedName() {
        assertEquals("sales", CallerProducer.groupName("group:ldap/cn=sales,ou=groups,dc=example,dc=com"));
    }
}
