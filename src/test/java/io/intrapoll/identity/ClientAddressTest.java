package io.intrapoll.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress behindProxies = new ClientAddress(List.of("10.0.0.5", "192.168.10.0/24", "::1"));

    @Test
    void aDirectClientIsItsConnection() {
        assertEquals("203.0.113.9", behindProxies.of("203.0.113.9", null));
    }

    @Test
    void forwardedForIsIgnoredFromAnyoneButTheProxies() {
        assertEquals("203.0.113.9", behindProxies.of("203.0.113.9", "198.51.100.1"));
        assertEquals("127.0.0.1", new ClientAddress(List.of()).of("127.0.0.1", "198.51.100.1"));
    }

    @Test
    void theProxyNamesTheClient() {
        assertEquals("198.51.100.1", behindProxies.of("10.0.0.5", "198.51.100.1"));
        assertEquals("198.51.100.1", behindProxies.of("::1", "198.51.100.1"));
    }

    @Test
    void whatAClientWroteAtTheLeftIsNotBelieved() {
        // the client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw
        assertEquals("198.51.100.1", behindProxies.of("10.0.0.5", "1.2.3.4, 198.51.100.1"));
    }

    @Test
    void chainsOfTrustedProxiesAreWalkedFromTheRight() {
        assertEquals("198.51.100.1", behindProxies.of("10.0.0.5", "1.2.3.4, 198.51.100.1, 192.168.10.77"));
    }

    @Test
    void garbageStopsTheWalkAtTheLastProxyThatVouched() {
        assertEquals("10.0.0.5", behindProxies.of("10.0.0.5", "not-an-address"));
        assertEquals("192.168.10.77", behindProxies.of("10.0.0.5", "evil.example, 192.168.10.77"));
    }

    @Test
    void onlyProxiesAllTheWayIsTheLeftmost() {
        assertEquals("192.168.10.1", behindProxies.of("10.0.0.5", "192.168.10.1, 192.168.10.2"));
    }

    @Test
    void aBadProxySettingFailsAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new ClientAddress(List.of("proxy.example")));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddress(List.of("10.0.0.0/33")));
    }

    @Test
    void anIpv6ClientIsItsSlash64AndAnIpv4ClientItsAddress() {
        assertEquals(ClientAddress.bucketKey("2001:db8:1:2:aaaa::1"), ClientAddress.bucketKey("2001:db8:1:2:bbbb::9"));
        assertNotEquals(ClientAddress.bucketKey("2001:db8:1:2::1"), ClientAddress.bucketKey("2001:db8:1:3::1"));
        assertEquals("203.0.113.9", ClientAddress.bucketKey("203.0.113.9"));
    }

    @Test
    void numbersOutOfRangeAreNotAddresses() {
        // 1.2.3.400 is a host name to InetAddress: it must never be looked up
        assertEquals("10.0.0.5", behindProxies.of("10.0.0.5", "1.2.3.400"));
    }
}
