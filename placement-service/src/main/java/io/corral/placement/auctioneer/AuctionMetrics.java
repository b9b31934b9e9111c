package io.corral.placement.auctioneer;

import io.corral.placement.auction.AuctionResult;
import io.corral.placement.auction.PlacementError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * What the auction did: placements, unplaced work by reason (as of the last auction, and
 * counted over time), how long auctions take, and whether this replica leads.
 */
@Component
public class AuctionMetrics {

    private final MeterRegistry meters;

    private final Counter placed;

    private final Timer duration;

    private final Map<PlacementError, AtomicInteger> unplaced = new EnumMap<>(PlacementError.class);

    private final Map<PlacementError, Counter> failures = new EnumMap<>(PlacementError.class);

    public AuctionMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.placed = Counter.builder("corral.placement.placed")
            .description("Instances and tasks the auction placed on a cell")
            .register(meters);
        this.duration = Timer.builder("corral.placement.auction.duration")
            .description(
                    "How long one auction took, from reading the placement model and the cells to the last assignment written")
            .register(meters);
        for (PlacementError error : PlacementError.values()) {
            AtomicInteger count = new AtomicInteger();
            unplaced.put(error, count);
            Gauge.builder("corral.placement.unplaced", count, AtomicInteger::get)
                .description("Work the last auction could not place, by reason")
                .tag("reason", error.message())
                .register(meters);
            failures.put(error,
                    Counter.builder("corral.placement.failures")
                        .tag("reason", error.message())
                        .description("Placement attempts that failed; unplaced work counts once per auction")
                        .register(meters));
        }
    }

    void leaderGauge(Auctioneer auctioneer) {
        Gauge.builder("corral.placement.auction.leader", auctioneer, a -> a.isLeader() ? 1 : 0)
            .description("1 while this replica holds the auction lease")
            .strongReference(true)
            .register(meters);
    }

    void record(AuctionResult result, Duration took) {
        placed.increment(result.placements().size());
        Map<PlacementError, Integer> counts = new EnumMap<>(PlacementError.class);
        for (AuctionResult.Failure failure : result.failures()) {
            counts.merge(failure.error(), 1, Integer::sum);
        }
        counts.forEach((error, count) -> failures.get(error).increment(count));
        unplaced.forEach((error, gauge) -> gauge.set(counts.getOrDefault(error, 0)));
        duration.record(took);
    }

}
