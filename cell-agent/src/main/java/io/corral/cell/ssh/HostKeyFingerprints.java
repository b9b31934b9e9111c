package io.corral.cell.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * A host key's fingerprints in the forms a {@code diego-ssh} route's
 * {@code host_fingerprint} carries them: the digest of the key's SSH wire encoding,
 * SHA-256 as OpenSSH prints it ({@code SHA256:} and unpadded base64) and MD5 as
 * colon-separated lower-case hex.
 *
 * @param sha256 {@code SHA256:} followed by the unpadded base64 digest
 * @param md5 the MD5 digest, {@code a6:14:...}
 * @param sha1 the SHA-1 digest, colon-separated hex as well
 */
public record HostKeyFingerprints(String sha256, String md5, String sha1) {

    private static final Pattern COLON_HEX = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2})+");

    public static HostKeyFingerprints of(PublicKey key) {
        ByteArrayBuffer blob = new ByteArrayBuffer();
        blob.putRawPublicKey(key);
        byte[] wire = blob.getCompactData();
        return new HostKeyFingerprints(
                "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest("SHA-256", wire)),
                HexFormat.ofDelimiter(":").formatHex(digest("MD5", wire)),
                HexFormat.ofDelimiter(":").formatHex(digest("SHA-1", wire)));
    }

    /**
     * Whether a route's {@code host_fingerprint} names this key: MD5 or SHA-1 colon-hex
     * in either case, or SHA-256 base64 with or without {@code SHA256:} and padding.
     */
    public boolean matches(String fingerprint) {
        if (fingerprint == null) {
            return false;
        }
        String value = fingerprint.strip();
        if (COLON_HEX.matcher(value).matches()) {
            String hex = value.toLowerCase(Locale.ROOT);
            return hex.equals(md5) || hex.equals(sha1);
        }
        String base64 = value.regionMatches(true, 0, "SHA256:", 0, 7) ? value.substring(7) : value;
        return base64.replace("=", "").equals(sha256.substring(7));
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
