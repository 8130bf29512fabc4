package io.intrapoll.identity;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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
        Optional<byte[]> bytes = Network.address(address);
        if (bytes.isEmpty() || bytes.get().length != 16) {
            return address;
        }
        byte[] prefix = Arrays.copyOf(bytes.get(), 8);
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < prefix.length; i += 2) {
            key.append(String.format("%02x%02x:", prefix[i], prefix[i + 1]));
        }
        return key.append(":/64").toString();
    }

    private boolean isTrusted(String address) {
        Optional<byte[]> bytes = Network.address(address);
        return bytes.isPresent() && trustedProxies.stream().anyMatch(network -> network.contains(bytes.get()));
    }

    /** An address with a prefix length: one address is a network of its full length. */
    private record Network(byte[] address, int prefix) {

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
            boolean ipv4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                    && Arrays.stream(text.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
            boolean ipv6 = text.contains(":") && text.matches("[0-9a-fA-F:.%a-zA-Z]+");
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
            int bits = address.length * 8;
            BigInteger mask = BigInteger.ONE
                    .shiftLeft(bits)
                    .subtract(BigInteger.ONE)
                    .shiftRight(bits - prefix)
                    .shiftLeft(bits - prefix);
            return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, address).and(mask));
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
