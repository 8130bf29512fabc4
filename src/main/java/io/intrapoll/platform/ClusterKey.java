package io.intrapoll.platform;

import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The cluster's AES key, as {@code intrapoll.cluster.key} gives it: base64 of 16, 24 or 32 random bytes. */
final class ClusterKey {

    private ClusterKey() {}

    /**
     * @throws IllegalArgumentException when there is none or it is no AES key: a clustered node does not start
     *     without one (its caches would be open to anyone who reaches its port)
     */
    static SecretKey parse(Optional<String> configured) {
        String text = configured.map(String::strip).orElse("");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("intrapoll.cluster.key is not set: a clustered node needs the cluster's"
                    + " key (base64 of 32 random bytes, e.g. `openssl rand -base64 32`), the same on every node");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("intrapoll.cluster.key is not base64", e);
        }
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException(
                    "intrapoll.cluster.key holds " + key.length + " bytes; an AES key has 16, 24 or 32");
        }
        return new SecretKeySpec(key, "AES");
    }
}
