package io.intrapoll.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * HTTPS to the test servers, whose keys Liberty generated at their first start: self-signed, for the machine's name
 * rather than 127.0.0.1 or localhost. The client trusts any certificate (the failsafe configuration also turns off
 * the JDK client's host name check): these tests are about what the server answers over TLS, not about its key.
 */
public final class Https {

    private Https() {}

    /** The integration-test server's HTTPS port. */
    public static URI itServer() {
        return URI.create("https://localhost:" + System.getProperty("it.https.port", "9543"));
    }

    /** A client that trusts whatever certificate the server shows. */
    public static HttpClient trustingClient() {
        try {
            SSLContext trustingAll = SSLContext.getInstance("TLS");
            trustingAll.init(null, new TrustManager[] {new TrustEverything()}, null);
            return HttpClient.newBuilder()
                    .sslContext(trustingAll)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
