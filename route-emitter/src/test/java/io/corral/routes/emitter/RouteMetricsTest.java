package io.corral.routes.emitter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RouteMetricsTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    private final RouteMetrics metrics = new RouteMetrics(meters, tableOfSize(7));

    @Test
    void theTableSizeGaugeKeepsReadingTheTableAfterAGarbageCollection() {
        System.gc();

        assertThat(meters.get("corral.routes.table.size").gauge().value()).isEqualTo(7);
    }

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

    /** A supplier nothing but the metrics holds, as the emitter's is. */
    private static Supplier<Number> tableOfSize(int size) {
        return () -> size;
    }

    private double syncTimestamp() {
        return meters.get("corral.routes.sync.timestamp").gauge().value();
    }

}
