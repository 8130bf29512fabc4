package io.intrapoll.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** Which API addresses JAX-RS can read, and how one it cannot is named in the problem's instance. */
class RequestAddressTest {

    private static HttpServletRequest request(String path, String query) {
        return request("localhost", path, query);
    }

    private static HttpServletRequest request(String host, String path, String query) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestURL" -> new StringBuffer("http://" + host + ":9080" + path);
                    case "getServerName" -> host;
                    case "getRequestURI" -> path;
                    case "getQueryString" -> query;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void ordinaryAndPercentEncodedAddressesAreURIs() {
        assertTrue(RequestAddress.isUri(request("/api/v1/polls/demo-lunch", null)));
        assertTrue(RequestAddress.isUri(request("/api/v1/polls/%5Bx%5D", "q=a%20b&size=5")));
        assertTrue(RequestAddress.isUri(request("/api/v1/polls", "")));
    }

    @Test
    void bracketsInThePathOrAQuoteInTheQueryAreNot() {
        assertFalse(RequestAddress.isUri(request("/api/v1/polls/[x]", null)));
        assertFalse(RequestAddress.isUri(request("/api/v1/polls/]", null)));
        assertFalse(RequestAddress.isUri(request("/api/v1/polls", "q=\"x\"")));
        assertFalse(RequestAddress.isUri(request("/api/v1/polls/a b", null)));
        assertFalse(RequestAddress.isUri(request("/api/v1/polls/%zz", null)));
        assertFalse(RequestAddress.isUri(request("/api/v1/polls", "q=%4")));
    }

    @Test
    void theHostCountsAsJaxRsReadsItToo() {
        assertTrue(RequestAddress.isUri(request("[::1]", "/api/v1/polls", "q=a?b")));
        assertTrue(RequestAddress.isUri(request("intrapoll.example-corp.com", "/api/v1/polls/%41", null)));
        assertFalse(RequestAddress.isUri(request("exa mple", "/api/v1/polls", null)));
    }

    @Test
    void theInstanceEncodesWhatAPathMayNotHold() {
        assertEquals("/api/v1/polls/%5Bx%5D", RequestAddress.encoded("/api/v1/polls/[x]"));
        assertEquals("/api/v1/polls/a%20b%7C%22", RequestAddress.encoded("/api/v1/polls/a b|\""));
        assertEquals("/api/v1/polls/%41%25zz%25", RequestAddress.encoded("/api/v1/polls/%41%zz%"));
        assertEquals("/api/v1/polls/%E2%82%AC", RequestAddress.encoded("/api/v1/polls/\u20ac"));
        assertEquals(
                "/api/v1/polls/a-b_c.d~e:@!$&'()*+,;=", RequestAddress.encoded("/api/v1/polls/a-b_c.d~e:@!$&'()*+,;="));
    }
}
