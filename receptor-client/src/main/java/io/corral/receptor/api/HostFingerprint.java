package io.corral.receptor.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A host key fingerprint as a {@code diego-ssh} route carries it, as Diego writes them:
 * MD5 or SHA-1 as colon-separated hex ({@code a6:14:...}), or SHA-256 as base64 with or
 * without the {@code SHA256:} prefix and padding (OpenSSH's form). A key matches when the
 * digest of its SSH wire encoding (the public key blob) equals the fingerprint's.
 *
 * @param algorithm the digest: {@code MD5}, {@code SHA-1} or {@code SHA-256}
 * @param digest the expected digest
 */
public record HostFingerprint(String algorithm, byte[] digest) {

    private static final Pattern COLON_HEX = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2})+");

    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    private static final int MD5_BYTES = 16;

    private static final int SHA1_BYTES = 20;

    private static final int SHA256_BYTES = 32;

    public HostFingerprint {
        digest = digest.clone();
    }

    /**
     * The fingerprint {@code text} names.
     * @throws IllegalArgumentException when it is none of the three forms
     */
    public static HostFingerprint parse(String text) {
        if (text == null || text.isBlank() || text.length() > 200) {
            throw new IllegalArgumentException("a host fingerprint is MD5 or SHA-1 colon-hex or SHA-256 base64");
        }
        String value = text.strip();
        if (COLON_HEX.matcher(value).matches()) {
            byte[] bytes = HexFormat.ofDelimiter(":").parseHex(value.toLowerCase(Locale.ROOT));
            return switch (bytes.length) {
                case MD5_BYTES -> new HostFingerprint("MD5", bytes);
                case SHA1_BYTES -> new HostFingerprint("SHA-1", bytes);
                default -> throw new IllegalArgumentException(
                        "a colon-hex host fingerprint has 16 (MD5) or 20 (SHA-1) bytes, not " + bytes.length);
            };
        }
        String base64 = value.regionMatches(true, 0, "SHA256:", 0, 7) ? value.substring(7) : value;
        if (BASE64.matcher(base64).matches()) {
            byte[] bytes = decodeBase64(base64);
            if (bytes.length == SHA256_BYTES) {
                return new HostFingerprint("SHA-256", bytes);
            }
        }
        throw new IllegalArgumentException("a host fingerprint is MD5 or SHA-1 colon-hex or SHA-256 base64");
    }

    /**
     * Whether the public key whose SSH wire encoding is {@code keyBlob} has this
     * fingerprint.
     */
    public boolean matches(byte[] keyBlob) {
        return MessageDigest.isEqual(digest, digestOf(algorithm, keyBlob));
    }

    /** OpenSSH's {@code SHA256:} form of the key with wire encoding {@code keyBlob}. */
    public static String sha256Of(byte[] keyBlob) {
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digestOf("SHA-256", keyBlob));
    }

    /**
     * The MD5 form, colon-separated lower-case hex, of the key with wire encoding
     * {@code keyBlob}.
     */
    public static String md5Of(byte[] keyBlob) {
        return HexFormat.ofDelimiter(":").formatHex(digestOf("MD5", keyBlob));
    }

    /**
     * The SHA-1 form, colon-separated lower-case hex, of the key with wire encoding
     * {@code keyBlob}.
     */
    public static String sha1Of(byte[] keyBlob) {
        return HexFormat.ofDelimiter(":").formatHex(digestOf("SHA-1", keyBlob));
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostFingerprint that && algorithm.equals(that.algorithm)
                && MessageDigest.isEqual(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode();
    }

    @Override
    public String toString() {
        return algorithm + ":" + HexFormat.ofDelimiter(":").formatHex(digest);
    }

    private static byte[] decodeBase64(String text) {
        String unpadded = text.endsWith("==") ? text.substring(0, text.length() - 2)
                : text.endsWith("=") ? text.substring(0, text.length() - 1) : text;
        try {
            return Base64.getDecoder().decode(unpadded + "=".repeat((4 - unpadded.length() % 4) % 4));
        }
        catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] digestOf(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }

}
