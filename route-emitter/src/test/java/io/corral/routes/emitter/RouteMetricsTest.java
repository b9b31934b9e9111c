package io.corral.routes.emitter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RouteMetricsTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    private final RouteMetrics metrics = new RouteMetrics(meters, () -> 0);

    @Test
    void theSyncTimestampIsZeroUntilTheFirstSyncCompletes() {
        assertThat(syncTimestamp()).isZero();
    }

    @Test
    void theSyncTimestampIsWhenTheLastSyncCompleted() {
        double before = System.currentTimeMillis() / 1000.0;

        metrics.synced(Duration.ofMillis(40), 2);

        assertThat(syncTimestamp()).isBetween(before, System.currentTimeMillis() / 1000.0);
    }

    private double syncTimestamp() {
        return meters.get("corral.routes.sync.timestamp").gauge().value();
    }

}
