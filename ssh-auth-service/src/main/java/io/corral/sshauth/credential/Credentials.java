package io.corral.sshauth.credential;

import io.corral.sshauth.access.RefusalReason;
import io.corral.sshauth.access.RefusedException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The password of a {@code cf:} login: a bearer token (with or without {@code bearer }),
 * a one-time code of ours, or, with a UAA configured, one of UAA's.
 */
@Component
public class Credentials {

    private final UserTokens tokens;

    private final OneTimeCodes codes;

    private final UaaCodeExchange uaa;

    public Credentials(UserTokens tokens, OneTimeCodes codes, UaaCodeExchange uaa) {
        this.tokens = tokens;
        this.codes = codes;
        this.uaa = uaa;
    }

    /**
     * The user of a bearer token (with or without {@code bearer }).
     * @throws RefusedException when it is not a valid token
     */
    public VerifiedUser tokenUser(String token) {
        if (token == null || token.isBlank()) {
            throw new RefusedException(RefusalReason.INVALID_CREDENTIAL);
        }
        return tokens.verify(token);
    }

    /**
     * @throws RefusedException when the password stands for nobody
     */
    public VerifiedUser userOf(String password) {
        if (password == null || password.isBlank()) {
            throw new RefusedException(RefusalReason.INVALID_CREDENTIAL);
        }
        if (UserTokens.looksLikeToken(password)) {
            return tokens.verify(password);
        }
        Optional<VerifiedUser> ours = codes.redeem(password);
        if (ours.isPresent()) {
            return ours.get();
        }
        if (uaa.enabled()) {
            return tokens.verify(uaa.exchange(password.strip()));
        }
        throw new RefusedException(RefusalReason.INVALID_CREDENTIAL);
    }

}
