package io.corral.routes.emitter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** The route emitter's meters ({@code corral.routes.*}). */
class RouteMetrics {

    private final Counter registers;

    private final Counter unregisters;

    private final Timer syncDuration;

    private final DistributionSummary syncDifference;

    private final Timer eventToPublish;

    private final AtomicLong lastSyncMillis = new AtomicLong();

    RouteMetrics(MeterRegistry meters, Supplier<Number> tableSize) {
        this.registers = Counter.builder("corral.routes.registers")
            .description("router.register messages published")
            .register(meters);
        this.unregisters = Counter.builder("corral.routes.unregisters")
            .description("router.unregister messages published, repeats included")
            .register(meters);
        this.syncDuration = Timer.builder("corral.routes.sync.duration")
            .description("Full syncs: reading the receptor, diffing, publishing the difference")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
        this.syncDifference = DistributionSummary.builder("corral.routes.sync.difference")
            .description("Routes registered or unregistered by a full sync: what the events had missed")
            .register(meters);
        this.eventToPublish = Timer.builder("corral.routes.event.publish.latency")
            .description("From a receptor event's arrival to its routes' messages handed to NATS")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
        // The supplier is the gauge's only holder: a weakly held one would be collected
        // and read NaN.
        Gauge.builder("corral.routes.table.size", tableSize, size -> size.get().doubleValue())
            .description("Routes in the table")
            .strongReference(true)
            .register(meters);
        Gauge.builder("corral.routes.sync.timestamp", lastSyncMillis, millis -> millis.get() / 1000.0)
            .description("When this replica last completed a full sync (Unix time), 0 before its first")
            .baseUnit("seconds")
            .register(meters);
    }

    void registered(int count) {
        registers.increment(count);
    }

    void unregistered(int count) {
        unregisters.increment(count);
    }

    void synced(Duration took, int difference) {
        syncDuration.record(took);
        syncDifference.record(difference);
        lastSyncMillis.set(System.currentTimeMillis());
    }

    void eventPublished(long receivedNanos) {
        eventToPublish.record(Duration.ofNanos(System.nanoTime() - receivedNanos));
    }

}
