package io.corral.cell.ssh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Iterator;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The keys of an instance's SSH daemon, read from its {@code diego-ssh} route. The route
 * carries the private key the proxy logs in with ({@code private_key}); the daemon
 * authorizes its public half. The host key is the route's {@code host_key} when it has
 * one, else a fresh ECDSA P-256 key (whose fingerprint then has to reach the route). Keys
 * may be PEM (PKCS#1, PKCS#8) or OpenSSH format, RSA, ECDSA or Ed25519 where the runtime
 * has it; none is ever logged.
 */
public final class RouteKeys {

    private RouteKeys() {
    }

    /**
     * The public key the daemon accepts: the public half of the route's
     * {@code private_key}.
     * @throws IllegalArgumentException when the text holds no readable private key
     */
    public static PublicKey authorizedKeyOf(String privateKey) {
        return read(privateKey, "the route's private_key").getPublic();
    }

    /**
     * The key of an OpenSSH public key line
     * ({@code ecdsa-sha2-nistp256 AAAA... comment}), as a Cloud Controller passes it in
     * {@code diego-sshd}'s {@code -authorizedKey}.
     * @throws IllegalArgumentException when the line holds no readable public key
     */
    public static PublicKey publicKeyOfLine(String line) {
        if (line == null || line.isBlank() || line.length() > 16_384) {
            throw new IllegalArgumentException("the authorized key is missing or too long");
        }
        try {
            return AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.strip())
                .resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        }
        catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "the authorized key cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The route's {@code host_key} when given, else a newly generated ECDSA P-256 key.
     * @throws IllegalArgumentException when a host key is given but cannot be read
     */
    public static KeyPair hostKey(String hostKey) {
        if (hostKey == null || hostKey.isBlank()) {
            return generateHostKey();
        }
        return read(hostKey, "the route's host_key");
    }

    private static KeyPair generateHostKey() {
        try {
            return KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime can make an ECDSA P-256 key", e);
        }
    }

    private static KeyPair read(String text, String what) {
        if (text == null || text.isBlank() || text.length() > 16_384) {
            throw new IllegalArgumentException(what + " is missing or too long");
        }
        try {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(what),
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), FilePasswordProvider.EMPTY);
            Iterator<KeyPair> first = keys == null ? null : keys.iterator();
            if (first == null || !first.hasNext()) {
                throw new IllegalArgumentException(what + " holds no private key");
            }
            return first.next();
        }
        catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof IllegalArgumentException refusal) {
                throw refusal;
            }
            throw new IllegalArgumentException(what + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

}
