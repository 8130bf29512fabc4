package io.intrapoll.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where a webhook may deliver: https (plain http only to the loopback address, on the embedded default), and no
 * private, loopback, link-local or other internal address unless the host is listed in
 * {@code intrapoll.webhooks.allowed-hosts}: a webhook must not become a way into the internal network. Checked when
 * a webhook is registered and again before every attempt (a name may resolve elsewhere by then).
 */
@ApplicationScoped
public class WebhookAddresses {

    @Inject
    @ConfigProperty(name = "intrapoll.webhooks.allowed-hosts")
    Optional<String> allowedHosts;

    @Inject
    @ConfigProperty(name = "intrapoll.webhooks.allow-loopback-http")
    boolean allowLoopbackHttp;

    /** Why the address may not be used; empty if it may. A name that does not resolve yet may be used. */
    Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not an address: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must be an https address");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of("must be an https address with a host and no user information or fragment");
        }
        String host = uri.getHost().replaceAll("^\\[|]$", "").toLowerCase(Locale.ROOT);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return scheme.equals("https") ? Optional.empty() : Optional.of("must be an https address");
        }
        boolean loopback = Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        if (scheme.equals("http") && !(loopback && allowLoopbackHttp)) {
            return Optional.of("must be an https address (plain http only to this machine, on the embedded default)");
        }
        if (listed().contains(host) || (loopback && allowLoopbackHttp)) {
            return Optional.empty();
        }
        return Arrays.stream(addresses)
                .filter(WebhookAddresses::isInternal)
                .findFirst()
                .map(address -> "resolves to an internal address (" + address.getHostAddress()
                        + "); list the host in intrapoll.webhooks.allowed-hosts to allow it");
    }

    private Set<String> listed() {
        return Arrays.stream(allowedHosts.orElse("").split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    /** Loopback, private (RFC 1918, fc00::/7), link-local, carrier-grade NAT, unspecified or multicast. */
    static boolean isInternal(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocal = address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc;
        boolean carrierNat = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        boolean thisNetwork = bytes.length == 4 && bytes[0] == 0;
        return address.isLoopbackAddress()
                || address.isSiteLocalAddress()
                || address.isLinkLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()
                || uniqueLocal
                || carrierNat
                || thisNetwork;
    }
}
