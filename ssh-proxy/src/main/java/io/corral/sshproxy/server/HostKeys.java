package io.corral.sshproxy.server;

import io.corral.receptor.api.HostFingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The proxy's host key: read from its file, or made there on first start when allowed.
 */
public final class HostKeys {

    private HostKeys() {
    }

    /**
     * The SHA-256 fingerprint of the host key in {@code file}, made there first when it
     * is missing and {@code generate} allows: what a launcher that starts the proxy tells
     * ssh-auth-service to publish for clients to check.
     */
    public static String sha256Fingerprint(Path file, boolean generate) {
        try {
            KeyPair key = load(file, generate).loadKeys(null).iterator().next();
            return HostFingerprint.sha256Of(blob(key.getPublic()));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the SSH host key " + file, e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("the SSH host key " + file + " is not a usable key", e);
        }
    }

    static KeyPairProvider load(ProxyProperties properties) {
        return load(properties.hostKeyFile(), properties.generateHostKey());
    }

    private static KeyPairProvider load(Path file, boolean generate) {
        if (Files.exists(file) || !generate) {
            if (!Files.isReadable(file)) {
                throw new IllegalStateException("the SSH host key " + file + " is missing: set corral.ssh-proxy."
                        + "host-key-file, or corral.ssh-proxy.generate-host-key=true to make one");
            }
            return new FileKeyPairProvider(file);
        }
        SimpleGeneratorHostKeyProvider generated = new SimpleGeneratorHostKeyProvider(file);
        generated.setAlgorithm(KeyUtils.EC_ALGORITHM);
        generated.setKeySize(256);
        return generated;
    }

    /** The forms an operator copies into ssh-auth's settings and known_hosts files. */
    static List<String> fingerprints(KeyPair key) {
        PublicKey publicKey = key.getPublic();
        return List.of(HostFingerprint.sha256Of(blob(publicKey)),
                KeyUtils.getFingerPrint(BuiltinDigests.md5, publicKey));
    }

    static byte[] blob(PublicKey key) {
        ByteArrayBuffer blob = new ByteArrayBuffer();
        blob.putRawPublicKey(key);
        return blob.getCompactData();
    }

}
