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

    /** A new code for {@code caller}; the code itself is only ever in the answer. */
    public IssuedCode issue(Caller caller) {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        db.sql("""
                insert into ssh_codes (code_hash, user_id, user_name, admin, expires_at)
                values (?, ?, ?, ?, now() + make_interval(secs => ?))""")
            .params(hash(code), caller.userId(), caller.userName(), caller.admin(), properties.ttl().toSeconds())
            .update();
        return new IssuedCode(code, properties.ttl());
    }

    /**
     * The user {@code code} stands for, using it up; empty when no such code was ever
     * issued here.
     * @throws RefusedException {@code code_used_or_expired}
     */
    public Optional<Caller> redeem(String code) {
        byte[] hash = hash(code.strip());
        Optional<Caller> caller = db.sql("""
                update ssh_codes set used_at = now()
                where code_hash = ? and used_at is null and expires_at > now()
                returning user_id, user_name, admin""")
            .param(hash)
            .query((rs, n) -> new Caller(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
            .optional();
        if (caller.isPresent()) {
            return caller;
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

    /** Forgets codes long expired; a used or expired code is recognised for an hour. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public void forgetExpired() {
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
