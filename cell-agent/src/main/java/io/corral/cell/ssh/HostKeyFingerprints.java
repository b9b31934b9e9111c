package io.corral.cell.ssh;

import io.corral.receptor.api.HostFingerprint;
import java.security.PublicKey;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * A host key's fingerprints in the forms a {@code diego-ssh} route's
 * {@code host_fingerprint} carries them ({@link HostFingerprint}).
 *
 * @param sha256 {@code SHA256:} followed by the unpadded base64 digest
 * @param md5 the MD5 digest, {@code a6:14:...}
 * @param sha1 the SHA-1 digest, colon-separated hex as well
 */
public record HostKeyFingerprints(String sha256, String md5, String sha1) {

    public static HostKeyFingerprints of(PublicKey key) {
        ByteArrayBuffer blob = new ByteArrayBuffer();
        blob.putRawPublicKey(key);
        byte[] wire = blob.getCompactData();
        return new HostKeyFingerprints(HostFingerprint.sha256Of(wire), HostFingerprint.md5Of(wire),
                HostFingerprint.sha1Of(wire));
    }

    /**
     * Whether a route's {@code host_fingerprint} names this key, in any form
     * {@link HostFingerprint#parse} reads.
     */
    public boolean matches(String fingerprint) {
        HostFingerprint named;
        try {
            named = HostFingerprint.parse(fingerprint);
        }
        catch (IllegalArgumentException e) {
            return false;
        }
        String own = switch (named.algorithm()) {
            case "MD5" -> md5;
            case "SHA-1" -> sha1;
            default -> sha256;
        };
        return named.equals(HostFingerprint.parse(own));
    }

}
