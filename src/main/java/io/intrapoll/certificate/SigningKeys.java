package io.intrapoll.certificate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The results-signing key: an EC P-256 key pair in a PKCS #12 keystore of the server (every node of a cluster
 * holds the same file, which Ansible makes once and copies). Certificates are signed ES256 with the key under the
 * configured alias; every P-256 key of the keystore, retired ones kept as certificates included, is published in
 * the JWKS, so certificates signed before a key change still verify.
 *
 * <p>A server without the keystore makes one at its first signature when {@code intrapoll.signing.generate} is on
 * (one server, tests): with the Java runtime's own keytool, since the JDK has no public API that writes the
 * self-signed certificate a keystore entry needs.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final int COORDINATE_BYTES = 32;
    /** The order of P-256 (secp256r1): other 256-bit curves (secp256k1, brainpool) are not ES256. */
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    @Inject
    @ConfigProperty(name = "intrapoll.signing.keystore")
    String keystorePath;

    @Inject
    @ConfigProperty(name = "intrapoll.signing.keystore-password")
    String keystorePassword;

    @Inject
    @ConfigProperty(name = "intrapoll.signing.key-alias")
    String alias;

    @Inject
    @ConfigProperty(name = "intrapoll.signing.generate")
    boolean generate;

    private volatile Loaded loaded;

    /** A public key as a JWK, with its RFC 7638 thumbprint as its id. */
    public record PublicJwk(String kid, String x, String y) {

        Map<String, String> json() {
            Map<String, String> jwk = new LinkedHashMap<>();
            jwk.put("kty", "EC");
            jwk.put("crv", "P-256");
            jwk.put("x", x);
            jwk.put("y", y);
            jwk.put("kid", kid);
            jwk.put("use", "sig");
            jwk.put("alg", "ES256");
            return jwk;
        }
    }

    private record Loaded(PrivateKey signingKey, PublicJwk signing, List<PublicJwk> all) {}

    /** Every key a certificate may name, the signing one first. */
    public List<PublicJwk> published() {
        return load().all();
    }

    /** The id of the key signatures are made with now. */
    String signingKeyId() {
        return load().signing().kid();
    }

    /** An ES256 signature (JWS: R ‖ S, 64 bytes). */
    byte[] sign(byte[] data) {
        try {
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initSign(load().signingKey());
            es256.update(data);
            return es256.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the results-signing key", e);
        }
    }

    private Loaded load() {
        Loaded current = loaded;
        if (current == null) {
            synchronized (this) {
                current = loaded;
                if (current == null) {
                    current = read(keystore());
                    loaded = current;
                }
            }
        }
        return current;
    }

    private Path keystore() {
        Path file = Path.of(keystorePath);
        if (!Files.exists(file)) {
            if (!generate) {
                throw new IllegalStateException("The results-signing keystore " + file + " is missing (and"
                        + " intrapoll.signing.generate is off: every node must hold the same key)");
            }
            generate(file);
        }
        return file;
    }

    private Loaded read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, keystorePassword.toCharArray());
            if (!store.isKeyEntry(alias)) {
                throw new IllegalStateException("The keystore " + file + " has no key " + alias);
            }
            PrivateKey key = (PrivateKey) store.getKey(alias, keystorePassword.toCharArray());
            PublicJwk signing = jwkOf(store.getCertificate(alias));
            if (signing == null) {
                throw new IllegalStateException("The key " + alias + " of " + file + " is not an EC P-256 key");
            }
            List<PublicJwk> all = new ArrayList<>(List.of(signing));
            for (String other : Collections.list(store.aliases())) {
                PublicJwk jwk = other.equals(alias) ? null : jwkOf(store.getCertificate(other));
                if (jwk != null && all.stream().noneMatch(known -> known.kid().equals(jwk.kid()))) {
                    all.add(jwk);
                }
            }
            LOG.info("Results are signed with key " + signing.kid() + " (" + all.size() + " published)");
            return new Loaded(key, signing, List.copyOf(all));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the results-signing keystore " + file, e);
        }
    }

    /** The certificate's key as a JWK, or null unless it is an EC key on P-256. */
    static PublicJwk jwkOf(Certificate certificate) {
        if (certificate == null
                || !(certificate.getPublicKey() instanceof ECPublicKey key)
                || !key.getParams().getOrder().equals(P256_ORDER)) {
            return null;
        }
        String x = BASE64URL.encodeToString(unsigned(key.getW().getAffineX()));
        String y = BASE64URL.encodeToString(unsigned(key.getW().getAffineY()));
        // RFC 7638: the required members in lexicographic order, no white space.
        String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
        try {
            byte[] thumbprint =
                    MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.US_ASCII));
            return new PublicJwk(BASE64URL.encodeToString(thumbprint), x, y);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A coordinate as JWK wants it: big-endian, exactly 32 bytes. */
    private static byte[] unsigned(BigInteger coordinate) {
        byte[] bytes = coordinate.toByteArray();
        if (bytes.length == COORDINATE_BYTES) {
            return bytes;
        }
        byte[] fixed = new byte[COORDINATE_BYTES];
        int copied = Math.min(bytes.length, COORDINATE_BYTES);
        System.arraycopy(bytes, bytes.length - copied, fixed, COORDINATE_BYTES - copied, copied);
        return fixed;
    }

    private void generate(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path made = Files.createTempFile(file.toAbsolutePath().getParent(), "results-signing", ".p12");
            Files.delete(made); // keytool makes the file itself
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            ProcessBuilder process = new ProcessBuilder(
                            keytool.toString(),
                            "-genkeypair",
                            "-keystore",
                            made.toString(),
                            "-storetype",
                            "PKCS12",
                            "-storepass:env",
                            "INTRAPOLL_SIGNING_PASSWORD",
                            "-alias",
                            alias,
                            "-keyalg",
                            "EC",
                            "-groupname",
                            "secp256r1",
                            "-sigalg",
                            "SHA256withECDSA",
                            "-validity",
                            "36500",
                            "-dname",
                            "CN=Intrapoll results signing")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            process.environment().put("INTRAPOLL_SIGNING_PASSWORD", keystorePassword);
            Process running = process.start();
            if (!running.waitFor(60, TimeUnit.SECONDS) || running.exitValue() != 0) {
                running.destroyForcibly();
                throw new IllegalStateException("keytool could not make the results-signing key (" + keytool + ")");
            }
            // Its private key readable by the server's user only (keytool leaves the umask's mode).
            Files.setPosixFilePermissions(made, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            try {
                // A link fails if the file exists: of servers sharing the file that make a key at once, one wins.
                Files.createLink(file, made);
                LOG.warning("Made a new results-signing key in " + file
                        + ": keep this file (certificates signed with it verify only while the JWKS holds its key)");
            } catch (FileAlreadyExistsException another) {
                LOG.info("Another server made the results-signing key in " + file + " meanwhile: using that one");
            } finally {
                Files.deleteIfExists(made);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the results-signing keystore " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the results-signing key", e);
        }
    }

    static String base64url(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }
}
