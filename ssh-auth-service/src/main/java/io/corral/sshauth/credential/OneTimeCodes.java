package io.corral.sshauth.credential;

import io.corral.sshauth.access.Caller;
import io.corral.sshauth.access.RefusalReason;
import io.corral.sshauth.access.RefusedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Single-use codes standing for a user, as {@code cf ssh-code} hands out: 160 random
 * bits, valid for {@link CodeProperties#ttl}, kept only as their SHA-256 (a stolen table
 * opens nothing), and consumed in one statement so two logins racing with one code cannot
 * both win. Times are the database's, the same for every replica.
 */
@Component
public class OneTimeCodes {

    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofHours(1);

    private final JdbcClient db;

    private final CodeProperties properties;

    private final SecureRandom random = new SecureRandom();

    public OneTimeCodes(JdbcClient db, CodeProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    /**
     * A new code for {@code user}; the code itself is only ever in the answer. With
     * {@code keepToken}, the user's token is kept sealed with the code, for a Cloud
     * Controller that decides with it (delegation mode).
     */
    public IssuedCode issue(VerifiedUser user, boolean keepToken) {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Caller caller = user.caller();
        db.sql("""
                insert into ssh_codes (code_hash, user_id, user_name, admin, expires_at, sealed_token)
                values (?, ?, ?, ?, now() + make_interval(secs => ?), ?)""")
            .params(hash(code), caller.userId(), caller.userName(), caller.admin(), properties.ttl().toSeconds(),
                    keepToken ? SealedToken.seal(code, user.token()) : null)
            .update();
        return new IssuedCode(code, properties.ttl());
    }

    /**
     * The user {@code code} stands for, using it up (and forgetting the token kept with
     * it); empty when no such code was ever issued here.
     * @throws RefusedException {@code code_used_or_expired}
     */
    public Optional<VerifiedUser> redeem(String code) {
        String presented = code.strip();
        byte[] hash = hash(presented);
        Optional<VerifiedUser> user = db.sql("""
                with unused as (
                    select code_hash, sealed_token from ssh_codes
                    where code_hash = ? and used_at is null and expires_at > now() for update)
                update ssh_codes c set used_at = now(), sealed_token = null from unused
                where c.code_hash = unused.code_hash
                returning c.user_id, c.user_name, c.admin, unused.sealed_token""")
            .param(hash)
            .query((rs, n) -> new VerifiedUser(new Caller(rs.getString(1), rs.getString(2), rs.getBoolean(3)),
                    rs.getBytes(4) == null ? null : SealedToken.open(presented, rs.getBytes(4))))
            .optional();
        if (user.isPresent()) {
            return user;
        }
        boolean known = db.sql("select 1 from ssh_codes where code_hash = ?")
            .param(hash)
            .query(Integer.class)
            .optional()
            .isPresent();
        if (known) {
            throw new RefusedException(RefusalReason.CODE_USED_OR_EXPIRED);
        }
        return Optional.empty();
    }

    /**
     * Forgets the tokens of expired codes, and codes long expired: a used or expired code
     * is recognised for an hour.
     */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public void forgetExpired() {
        db.sql("update ssh_codes set sealed_token = null where sealed_token is not null and expires_at <= now()")
            .update();
        db.sql("delete from ssh_codes where expires_at < now() - make_interval(secs => ?)")
            .param(KEPT_AFTER_EXPIRY.toSeconds())
            .update();
    }

    private static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A code and how long it is valid. */
    public record IssuedCode(String code, Duration ttl) {

        @Override
        public String toString() {
            return "IssuedCode[ttl=" + ttl + "]";
        }

    }

}
