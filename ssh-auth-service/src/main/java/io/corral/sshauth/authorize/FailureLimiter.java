package io.corral.sshauth.authorize;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Failed logins per client address and per user, in Bucket4j token buckets of
 * {@link FailureProperties#perMinute} that refill over a minute: each failure takes a
 * token, and an attempt finding either bucket empty is throttled before its credential is
 * even looked at. Buckets are per replica; full ones are forgotten.
 */
@Component
class FailureLimiter {

    private final int perMinute;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    FailureLimiter(FailureProperties properties) {
        this.perMinute = properties.perMinute();
    }

    /**
     * How long {@code keys}' attempts must wait, zero when none is throttled.
     */
    Duration waitFor(List<String> keys) {
        long nanos = 0;
        for (String key : keys) {
            Bucket bucket = buckets.get(key);
            if (bucket != null && bucket.getAvailableTokens() < 1) {
                nanos = Math.max(nanos, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
            }
        }
        return Duration.ofNanos(nanos);
    }

    void failed(List<String> keys) {
        for (String key : keys) {
            buckets.computeIfAbsent(key, k -> newBucket()).tryConsume(1);
        }
    }

    @Scheduled(fixedDelayString = "PT1M")
    public void forgetRefilled() {
        buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= perMinute);
    }

    private Bucket newBucket() {
        return Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
            .build();
    }

}
