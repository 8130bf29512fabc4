package io.intrapoll.identity;

import com.ibm.websphere.ssl.JSSEHelper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Browser single sign-on with an OpenID provider, on when {@code intrapoll.sso=oidc} (security/sso-oidc.xml):
 * whether it is on, what the login page offers, and where sign-out ends the provider's session too.
 */
@ApplicationScoped
public class SingleSignOn {

    /** Where the login page sends the browser (the second application, security/sso-oidc.xml). */
    static final String START = "/sso/start";

    /** The TLS configuration of security/sso-oidc.xml: the JDK's CAs and the server's keystore. */
    private static final String PROVIDER_TLS = "intrapollOidcTls";

    private static final Logger LOG = Logger.getLogger(SingleSignOn.class.getName());

    @Inject
    @ConfigProperty(name = "intrapoll.sso")
    String mode;

    @Inject
    @ConfigProperty(name = "intrapoll.oidc.provider-name")
    Optional<String> providerName;

    @Inject
    @ConfigProperty(name = "intrapoll.oidc.discovery-url")
    Optional<String> discoveryUrl;

    @Inject
    @ConfigProperty(name = "intrapoll.oidc.client-id")
    Optional<String> clientId;

    @Inject
    @ConfigProperty(name = "intrapoll.oidc.end-session-url")
    Optional<String> endSessionUrl;

    @Inject
    @ConfigProperty(name = "intrapoll.oidc.post-logout-url")
    Optional<String> postLogoutUrl;

    /** How long a discovery document without an end-session endpoint (or none at all) is believed. */
    private static final Duration ASK_AGAIN_AFTER = Duration.ofMinutes(5);

    /** The provider's end_session_endpoint as its discovery document last said, and when. */
    private volatile Discovered discovered;

    private record Discovered(Optional<URI> endSession, Instant at) {}

    private volatile HttpClient client;

    public boolean isOn() {
        return "oidc".equals(mode);
    }

    /** What the login page shows: the button, and the provider's name for it (empty: a generic label). */
    JsonObject options() {
        var builder = Json.createObjectBuilder();
        if (isOn()) {
            builder.add(
                    "singleSignOn",
                    Json.createObjectBuilder()
                            .add("start", START)
                            .add("provider", providerName.map(String::strip).orElse("")));
        } else {
            builder.addNull("singleSignOn");
        }
        return builder.build();
    }

    /**
     * Where sign-out sends a browser that signed in through the provider: the provider's end-session endpoint (RP-
     * initiated logout), which ends the provider's own session and sends the browser back to the login page. Empty
     * when the provider has none.
     */
    Optional<URI> providerSignOut(BrowserSession session, HttpServletRequest request) {
        Optional<URI> endSession = endSession();
        if (endSession.isEmpty()) {
            return Optional.empty();
        }
        String back = postLogoutUrl
                .filter(url -> !url.isBlank())
                .orElseGet(() -> URI.create(request.getRequestURL().toString())
                        .resolve(request.getContextPath() + SignIn.LOGIN_PAGE + "?signedOut")
                        .toString());
        StringBuilder query = new StringBuilder();
        query.append("post_logout_redirect_uri=").append(encode(back));
        if (!session.providerIdToken().isBlank()) {
            query.append("&id_token_hint=").append(encode(session.providerIdToken()));
        }
        clientId.filter(id -> !id.isBlank())
                .ifPresent(id -> query.append("&client_id=").append(encode(id)));
        String base = endSession.get().toString();
        return Optional.of(URI.create(base + (base.contains("?") ? "&" : "?") + query));
    }

    private Optional<URI> endSession() {
        if (endSessionUrl.filter(url -> !url.isBlank()).isPresent()) {
            return endSessionUrl.map(String::strip).map(URI::create);
        }
        Discovered known = discovered;
        if (known == null
                || (known.endSession().isEmpty()
                        && known.at().plus(ASK_AGAIN_AFTER).isBefore(Instant.now()))) {
            known = new Discovered(discover(), Instant.now());
            discovered = known;
        }
        return known.endSession();
    }

    /**
     * The end_session_endpoint of the provider's discovery document, read with the TLS trust Liberty's OpenID Connect
     * client uses (the JDK's own trust would refuse a provider with a company CA).
     */
    private Optional<URI> discover() {
        if (discoveryUrl.filter(url -> !url.isBlank()).isEmpty()) {
            return Optional.empty();
        }
        try {
            if (client == null) {
                client = HttpClient.newBuilder()
                        .sslContext(JSSEHelper.getInstance().getSSLContext(PROVIDER_TLS, null, null))
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
            }
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(discoveryUrl.get()))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warning("The OpenID provider's discovery document answered " + response.statusCode());
                return Optional.empty();
            }
            try (var reader = Json.createReader(new StringReader(response.body()))) {
                return reader.readObject().get("end_session_endpoint") instanceof JsonString endpoint
                        ? Optional.of(URI.create(endpoint.getString()))
                        : Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "The OpenID provider's discovery document could not be read", e);
            return Optional.empty();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
