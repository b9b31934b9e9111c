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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs auctions on the one replica holding the {@code auction} lease: every sweep
 * interval, and when the receptor announces new work, at once after a quiet spell or a
 * batch window later within a burst (see {@link BatchWindow}). Each auction reads the
 * placement model that the receptor's events keep current (and the cells), not the whole
 * receptor; until the model's first full read it places nothing. Writes go back in
 * batches, each under an idempotency key, a few at once.
 */
@Component
public class Auctioneer extends LeaderLoop implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Auctioneer.class);

    private static final int WRITE_ATTEMPTS = 5;

    private static final Duration WRITE_RETRY_PAUSE = Duration.ofSeconds(1);

    private final ReceptorSnapshots snapshots;

    private final PlacementConstraintService constraints;

    private final AuctioneerProperties properties;

    private final AuctionMetrics metrics;

    private final Auction auction = new Auction();

    private final BatchWriter writer;

    private final ConcurrentWrites<AssignmentBatch> writes;

    private final BatchWindow batchWindow;

    public Auctioneer(ReceptorSnapshots snapshots, PlacementConstraintService constraints, ReceptorClient receptor,
            AuctioneerProperties properties, AuctionMetrics metrics, JdbcTemplate jdbc) {
        super(jdbc, "auction", properties.leaseTtl(), properties.interval());
        this.snapshots = snapshots;
        this.constraints = constraints;
        this.writer = new BatchWriter(receptor::assign, duration -> Thread.sleep(duration.toMillis()), WRITE_ATTEMPTS,
                WRITE_RETRY_PAUSE);
        this.writes = new ConcurrentWrites<>(properties.writeConcurrency(), "auction-write");
        this.properties = properties;
        this.metrics = metrics;
        this.batchWindow = new BatchWindow(properties.batchWindow());
        metrics.leaderGauge(this);
    }

    /**
     * New work was announced: auction it at once after a quiet spell, or once the batch
     * window has gathered what follows it in a burst.
     */
    public void workArrived() {
        trigger(batchWindow.delayFor(System.nanoTime()));
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
        if (!snapshots.synced()) {
            log.debug("no auction: the placement model has not read the receptor yet");
            return new AuctionResult(List.of(), List.of());
        }
        long started = System.nanoTime();
        AuctionProblem problem = AuctionProblem.of(snapshots.cells(), snapshots.backlog(), constraints.current(),
                new HashSet<>(properties.stagingDomains()));
        AuctionResult result = auction.run(problem.input());
        write(problem.decisions(result));
        metrics.record(result, Duration.ofNanos(System.nanoTime() - started));
        if (!result.placements().isEmpty() || !result.failures().isEmpty()) {
            log.info("auction placed {} and left {} unplaced", result.placements().size(), result.failures().size());
        }
        return result;
    }

    @Override
    public void destroy() {
        writes.close();
    }

    private void write(AuctionProblem.Decisions decisions) {
        int size = properties.writeBatchSize();
        List<AssignmentBatch> batches = new ArrayList<>();
        List<LrpAssignment> lrps = decisions.actualLrps();
        for (int from = 0; from < lrps.size(); from += size) {
            batches.add(new AssignmentBatch(lrps.subList(from, Math.min(lrps.size(), from + size)), List.of()));
        }
        List<TaskAssignment> tasks = decisions.tasks();
        for (int from = 0; from < tasks.size(); from += size) {
            batches.add(new AssignmentBatch(List.of(), tasks.subList(from, Math.min(tasks.size(), from + size))));
        }
        writes.writeAll(batches, this::write);
    }

    /**
     * Every placement taken counts in the model at once; so does every placement of a
     * batch whose outcome stayed unknown, until the model hears from those instances.
     */
    private void write(AssignmentBatch batch) {
        AssignmentResults results;
        try {
            results = writer.write(batch);
        }
        catch (BatchWriter.OutcomeUnknown e) {
            snapshots.placed(placedInstances(batch.actualLrps()), placedTasks(batch.tasks()));
            throw e;
        }
        snapshots.placed(placedInstances(taken(batch.actualLrps(), results.actualLrps(), r -> r.error() != null)),
                placedTasks(taken(batch.tasks(), results.tasks(), r -> r.error() != null)));
        report(results);
    }

    /** The decisions the receptor took: results come in the order of the request. */
    private static <A, R> List<A> taken(List<A> sent, List<R> results, Predicate<R> refused) {
        List<A> taken = new ArrayList<>();
        for (int i = 0; i < sent.size() && i < results.size(); i++) {
            if (!refused.test(results.get(i))) {
                taken.add(sent.get(i));
            }
        }
        return taken;
    }

    private static Map<String, String> placedInstances(List<LrpAssignment> assignments) {
        Map<String, String> cells = new HashMap<>();
        assignments.stream()
            .filter(a -> a.cellId() != null && a.instanceGuid() != null)
            .forEach(a -> cells.put(a.instanceGuid(), a.cellId()));
        return cells;
    }

    private static Map<String, String> placedTasks(List<TaskAssignment> assignments) {
        Map<String, String> cells = new HashMap<>();
        assignments.stream().filter(a -> a.cellId() != null).forEach(a -> cells.put(a.taskGuid(), a.cellId()));
        return cells;
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
