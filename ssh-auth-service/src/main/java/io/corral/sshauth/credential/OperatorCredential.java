package io.corral.sshauth.credential;

import io.corral.sshauth.access.RefusalReason;
import io.corral.sshauth.access.RefusedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.stereotype.Component;

/**
 * Checks the password of a {@code diego:} login against the configured operator
 * credential. Both sides are hashed first, so the comparison
 * ({@link MessageDigest#isEqual}, constant time) takes as long whatever the password's
 * length or how much of it matches.
 */
@Component
public class OperatorCredential {

    private final byte[] expected;

    public OperatorCredential(OperatorProperties properties) {
        String credential = properties.credential();
        this.expected = credential == null || credential.isEmpty() ? null : sha256(credential);
    }

    /**
     * @throws RefusedException {@code invalid_credential}, always when none is set
     */
    public void check(String password) {
        byte[] given = sha256(password);
        if (expected == null || !MessageDigest.isEqual(expected, given)) {
            throw new RefusedException(RefusalReason.INVALID_CREDENTIAL);
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
