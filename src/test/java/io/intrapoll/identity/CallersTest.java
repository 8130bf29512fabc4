package io.intrapoll.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CallersTest {

    @Test
    void groupNameFromABasicRegistryId() {
        assertEquals("engineering", Callers.groupName("group:intrapoll/engineering"));
    }

    @Test
    void groupNameFromADirectoryDistinguishedName() {
        assertEquals("sales", Callers.groupName("group:ldap/cn=sales,ou=groups,dc=example,dc=com"));
    }
}
