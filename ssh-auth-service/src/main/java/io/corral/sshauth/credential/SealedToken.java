package io.corral.sshauth.credential;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A user's token kept beside their one-time code, encrypted with a key derived from the
 * code (AES-256-GCM): the code is kept only as its hash, so the table alone opens no
 * token. The key is the SHA-256 of the code under a label of its own, never equal to the
 * stored hash.
 */
final class SealedToken {

    private static final byte[] LABEL = "corral ssh code seal\0".getBytes(StandardCharsets.US_ASCII);

    private static final int NONCE_BYTES = 12;

    private static final int TAG_BITS = 128;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedToken() {
    }

    static byte[] seal(String code, String token) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, code, nonce, token.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    static String open(String code, byte[] sealed) {
        ByteBuffer buffer = ByteBuffer.wrap(sealed);
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        byte[] ciphertext = new byte[buffer.remaining()];
        buffer.get(ciphertext);
        return new String(crypt(Cipher.DECRYPT_MODE, code, nonce, ciphertext), StandardCharsets.UTF_8);
    }

    private static byte[] crypt(int mode, String code, byte[] nonce, byte[] input) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(LABEL);
            byte[] key = sha256.digest(code.getBytes(StandardCharsets.UTF_8));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            return cipher.doFinal(input);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal or open a token with its code", e);
        }
    }

}
