package io.corral.placement.auctioneer;

import io.corral.placement.auction.Auction;
import io.corral.placement.auction.AuctionResult;
import io.corral.placement.constraint.PlacementConstraintService;
import io.corral.placement.receptor.ReceptorSnapshots;
import io.corral.receptor.api.AssignmentBatch;
import io.corral.receptor.api.AssignmentResults;
import io.corral.receptor.api.LrpAssignment;
import io.corral.receptor.api.LrpAssignmentResult;
import io.corral.receptor.api.TaskAssignment;
import io.corral.receptor.api.TaskAssignmentResult;
import io.corral.receptor.client.ReceptorClient;
import io.corral.support.lease.LeaderLoop;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs auctions on the one replica holding the {@code auction} lease: every sweep
 * interval, and a batch window after the receptor announces new work. Each auction reads
 * the receptor whole, so work is never lost to a missed event or a restart of either
 * service; writes go back in batches.
 */
@Component
public class Auctioneer extends LeaderLoop {

    private static final Logger log = LoggerFactory.getLogger(Auctioneer.class);

    private final ReceptorSnapshots snapshots;

    private final PlacementConstraintService constraints;

    private final ReceptorClient receptor;

    private final AuctioneerProperties properties;

    private final AuctionMetrics metrics;

    private final Auction auction = new Auction();

    public Auctioneer(ReceptorSnapshots snapshots, PlacementConstraintService constraints, ReceptorClient receptor,
            AuctioneerProperties properties, AuctionMetrics metrics, JdbcTemplate jdbc) {
        super(jdbc, "auction", properties.leaseTtl(), properties.interval());
        this.snapshots = snapshots;
        this.constraints = constraints;
        this.receptor = receptor;
        this.properties = properties;
        this.metrics = metrics;
        metrics.leaderGauge(this);
    }

    /**
     * New work was announced: auction it once the batch window has gathered what follows.
     */
    public void workArrived() {
        trigger(properties.batchWindow());
    }

    /** One auction now, if this replica leads; empty on a standby. */
    public Optional<AuctionResult> runOnce() {
        return runIfLeader(this::auction);
    }

    @Override
    protected void pass() {
        auction();
    }

    private AuctionResult auction() {
        long started = System.nanoTime();
        AuctionProblem problem = AuctionProblem.of(snapshots.load(), constraints.current(),
                new HashSet<>(properties.stagingDomains()));
        AuctionResult result = auction.run(problem.input());
        write(problem.decisions(result));
        metrics.record(result, Duration.ofNanos(System.nanoTime() - started));
        if (!result.placements().isEmpty() || !result.failures().isEmpty()) {
            log.info("auction placed {} and left {} unplaced", result.placements().size(), result.failures().size());
        }
        return result;
    }

    private void write(AuctionProblem.Decisions decisions) {
        int size = properties.writeBatchSize();
        List<LrpAssignment> lrps = decisions.actualLrps();
        for (int from = 0; from < lrps.size(); from += size) {
            report(receptor
                .assign(new AssignmentBatch(lrps.subList(from, Math.min(lrps.size(), from + size)), List.of())));
        }
        List<TaskAssignment> tasks = decisions.tasks();
        for (int from = 0; from < tasks.size(); from += size) {
            report(receptor
                .assign(new AssignmentBatch(List.of(), tasks.subList(from, Math.min(tasks.size(), from + size)))));
        }
    }

    /**
     * A refused decision is work that changed meanwhile (claimed, removed, replaced): the
     * next auction sees it anew.
     */
    private static void report(AssignmentResults results) {
        for (LrpAssignmentResult result : results.actualLrps()) {
            if (result.error() != null) {
                log.debug("receptor refused placing {}/{}: {}", result.processGuid(), result.index(),
                        result.error().message());
            }
        }
        for (TaskAssignmentResult result : results.tasks()) {
            if (result.error() != null) {
                log.debug("receptor refused placing task {}: {}", result.taskGuid(), result.error().message());
            }
        }
    }

}
