package io.corral.sshproxy.server;

import io.corral.sshproxy.access.HostFingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
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
final class HostKeys {

    private HostKeys() {
    }

    static KeyPairProvider load(ProxyProperties properties) {
        Path file = properties.hostKeyFile();
        if (Files.exists(file) || !properties.generateHostKey()) {
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
        ByteArrayBuffer blob = new ByteArrayBuffer();
        blob.putRawPublicKey(publicKey);
        return List.of(HostFingerprint.sha256Of(blob.getCompactData()),
                KeyUtils.getFingerPrint(BuiltinDigests.md5, publicKey));
    }

    static byte[] blob(PublicKey key) {
        ByteArrayBuffer blob = new ByteArrayBuffer();
        blob.putRawPublicKey(key);
        return blob.getCompactData();
    }

}
