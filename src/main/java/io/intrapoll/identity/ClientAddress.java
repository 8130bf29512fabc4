package io.intrapoll.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address a request really comes from. Behind proxies (HAProxy) the connection comes from the proxy, which
 * appends the address it saw to X-Forwarded-For; that header is believed only as far as it was written by the
 * configured proxies, read from the right, since a client can put anything at its left end.
 */
final class ClientAddress {

    private final List<Network> trustedProxies;

    /** @param trustedProxies addresses or CIDR ranges ("10.0.0.5", "10.1.0.0/16", "::1") */
    ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream()
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .map(Network::parse)
                .toList();
    }

    String of(String remoteAddress, String forwardedFor) {
        if (forwardedFor == null || !isTrusted(remoteAddress)) {
            return remoteAddress;
        }
        String[] hops = forwardedFor.split(",");
        String client = remoteAddress;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (hop.isEmpty() || Network.address(hop).isEmpty()) {
                return client; // garbage where an address should be: stop at the last proxy that vouched
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    /**
     * The address as a rate-limit key: an IPv6 client is one /64, the block a single site or device is given, so
     * that it cannot take a fresh budget with each of its addresses.
     */
    static String bucketKey(String address) {
        if (address.indexOf(':') < 0) {
            return address; // IPv4 (or no address at all): its own key, without parsing it on every request
        }
        Optional<byte[]> bytes = Network.address(address);
        if (bytes.isEmpty() || bytes.get().length != 16) {
            return address;
        }
        String prefix = HexFormat.of().formatHex(bytes.get(), 0, 8);
        StringBuilder key = new StringBuilder(24);
        for (int i = 0; i < prefix.length(); i += 4) {
            key.append(prefix, i, i + 4).append(':');
        }
        return key.append(":/64").toString();
    }

    private boolean isTrusted(String address) {
        Optional<byte[]> bytes = Network.address(address);
        return bytes.isPresent() && trustedProxies.stream().anyMatch(network -> network.contains(bytes.get()));
    }

    /** An address with a prefix length: one address is a network of its full length. */
    private record Network(byte[] address, int prefix) {

        private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
        private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.%a-zA-Z]+");

        static Network parse(String text) {
            int slash = text.indexOf('/');
            String host = slash < 0 ? text : text.substring(0, slash);
            byte[] address = address(host)
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: " + text));
            int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("prefix out of range: " + text);
            }
            return new Network(address, prefix);
        }

        /** The bytes of a literal IP address; never a DNS lookup. */
        static Optional<byte[]> address(String literal) {
            String text = literal.startsWith("[") && literal.endsWith("]")
                    ? literal.substring(1, literal.length() - 1)
                    : literal;
            // Only literals reach InetAddress, which would otherwise ask DNS (1.2.3.400 is a host name to it).
            boolean ipv4 = IPV4.matcher(text).matches()
                    && Arrays.stream(text.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
            boolean ipv6 = text.contains(":") && IPV6.matcher(text).matches();
            if (!ipv4 && !ipv6) {
                return Optional.empty();
            }
            try {
                return Optional.of(InetAddress.getByName(text).getAddress());
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }

        boolean contains(byte[] candidate) {
            if (candidate.length != address.length) {
                return false;
            }
            int whole = prefix / 8;
            if (!Arrays.equals(candidate, 0, whole, address, 0, whole)) {
                return false;
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[whole] & mask) == (address[whole] & mask);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Network network
                    && prefix == network.prefix
                    && Arrays.equals(address, network.address);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(address) + prefix;
        }

        @Override
        public String toString() {
            return Arrays.toString(address) + "/" + prefix;
        }
    }
}
