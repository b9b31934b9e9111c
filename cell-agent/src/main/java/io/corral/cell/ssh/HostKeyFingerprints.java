package io.corral.cell.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * A host key's fingerprints in the forms a {@code diego-ssh} route's
 * {@code host_fingerprint} carries them: the digest of the key's SSH wire encoding,
 * SHA-256 as OpenSSH prints it ({@code SHA256:} and unpadded base64) and MD5 as
 * colon-separated lower-case hex.
 *
 * @param sha256 {@code SHA256:} followed by the unpadded base64 digest
 * @param md5 the MD5 digest, {@code a6:14:...}
 */
public record HostKeyFingerprints(String sha256, String md5) {

    public static HostKeyFingerprints of(PublicKey key) {
        ByteArrayBuffer blob = new ByteArrayBuffer();
        blob.putRawPublicKey(key);
        byte[] wire = blob.getCompactData();
        return new HostKeyFingerprints(
                "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest("SHA-256", wire)),
                HexFormat.ofDelimiter(":").formatHex(digest("MD5", wire)));
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }

}
