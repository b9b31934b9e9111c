package io.corral.sshauth.authorize;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Failed logins per client address and per user, in Bucket4j token buckets of
 * {@link FailureProperties#perMinute} that refill over a minute, kept in PostgreSQL so
 * that every replica counts the same failures: each failure takes a token, and an attempt
 * finding either bucket empty is throttled before its credential is even looked at.
 * Whether a key is throttled is read from what this replica learned when it took a
 * failure's token, so a login costs no database read; another replica learns it at the
 * first failure it sees after the bucket emptied, so each further replica lets at most
 * one attempt per key be decided while the key is throttled.
 */
@Component
class FailureLimiter {

    private static final Duration KEPT_AFTER_REFILL = Duration.ofSeconds(10);

    private static final int FORGET_BATCH = 1000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    private final BucketConfiguration perMinute;

    /** Keys this replica found throttled, until when. */
    private final Map<String, Instant> throttled = new ConcurrentHashMap<>();

    FailureLimiter(FailureProperties properties, DataSource dataSource) {
        this.perMinute = BucketConfiguration.builder()
            .addLimit(Bandwidth.builder()
                .capacity(properties.perMinute())
                .refillGreedy(properties.perMinute(), Duration.ofMinutes(1))
                .build())
            .build();
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table("ssh_failure_buckets")
            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEPT_AFTER_REFILL))
            .build();
    }

    /**
     * How long {@code keys}' attempts must wait, zero when none is throttled.
     */
    Duration waitFor(List<String> keys) {
        Instant now = Instant.now();
        Instant until = now;
        for (String key : keys) {
            Instant keyUntil = throttled.get(key);
            if (keyUntil != null && keyUntil.isAfter(until)) {
                until = keyUntil;
            }
        }
        return Duration.between(now, until);
    }

    /**
     * Takes a token of each key's bucket. While the database is unreachable this fails
     * (Bucket4j wraps the driver's exception), and the login is answered 503
     * {@code DatabaseUnavailable} rather than refused with its failure uncounted.
     */
    void failed(List<String> keys) {
        keys.forEach(this::takeToken);
    }

    private void takeToken(String key) {
        BucketProxy bucket = buckets.getProxy(key, () -> perMinute);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throttle(key, probe.getNanosToWaitForRefill());
        }
        else if (probe.getRemainingTokens() == 0) {
            throttle(key, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
        }
    }

    private void throttle(String key, long nanos) {
        throttled.put(key, Instant.now().plusNanos(nanos));
    }

    @Scheduled(fixedDelayString = "PT1M")
    public void forgetRefilled() {
        Instant now = Instant.now();
        throttled.values().removeIf(until -> !until.isAfter(now));
        while (buckets.removeExpired(FORGET_BATCH) == FORGET_BATCH) {
            // until a batch comes back short
        }
    }

}
