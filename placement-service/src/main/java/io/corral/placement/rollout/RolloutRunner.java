package io.corral.placement.rollout;

import io.corral.placement.constraint.PlacementConstraintService;
import io.corral.placement.constraint.ViolationFinder;
import io.corral.placement.receptor.ReceptorSnapshot;
import io.corral.placement.receptor.ReceptorSnapshots;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorException;
import io.corral.support.lease.LeaderLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Moves running rollouts on, on the one replica holding the {@code rollouts} lease: reads
 * the receptor, lets {@link RolloutStep} decide, asks the receptor to evacuate the
 * instances whose turn it is, and records the outcome. Everything it needs is in the
 * database and the receptor, so a restart or a new leader resumes where the last one
 * stopped.
 */
@Component
public class RolloutRunner extends LeaderLoop {

    private static final Logger log = LoggerFactory.getLogger(RolloutRunner.class);

    private final RolloutService rollouts;

    private final ReceptorSnapshots snapshots;

    private final PlacementConstraintService constraints;

    private final ReceptorClient receptor;

    private final RolloutProperties properties;

    public RolloutRunner(RolloutService rollouts, ReceptorSnapshots snapshots, PlacementConstraintService constraints,
            ReceptorClient receptor, RolloutProperties properties, JdbcTemplate jdbc) {
        super(jdbc, "rollouts", properties.leaseTtl(), properties.interval());
        this.rollouts = rollouts;
        this.snapshots = snapshots;
        this.constraints = constraints;
        this.receptor = receptor;
        this.properties = properties;
    }

    @Override
    protected void pass() {
        List<Long> running = rollouts.running();
        if (running.isEmpty()) {
            return;
        }
        ReceptorSnapshot snapshot = snapshots.load();
        ViolationFinder violations = new ViolationFinder(snapshot, constraints.current());
        RolloutStep.Indices indices = RolloutStep.indicesOf(snapshot.actualLrps());
        Map<Long, List<RolloutStep.Item>> items = new HashMap<>();
        running.forEach(id -> items.put(id, rollouts.items(id)));
        int budget = properties.maxInFlight() - (int) items.values()
            .stream()
            .flatMap(List::stream)
            .filter(item -> item.state() == RolloutInstanceState.REPLACING)
            .count();
        for (long id : running) {
            List<RolloutStep.Decision> decisions = RolloutStep.decide(items.get(id), indices,
                    instance -> violations.check(instance).isPresent(), Math.max(0, budget));
            List<RolloutStep.Decision> taken = new ArrayList<>(decisions.size());
            for (RolloutStep.Decision decision : decisions) {
                if (decision.evacuate()) {
                    budget--;
                    evacuate(decision).ifPresent(taken::add);
                }
                else {
                    taken.add(decision);
                }
            }
            rollouts.apply(id, taken);
        }
    }

    /**
     * Asks the receptor to start the replacement; a refusal (the instance changed
     * meanwhile) waits for the next step.
     */
    private Optional<RolloutStep.Decision> evacuate(RolloutStep.Decision decision) {
        RolloutStep.Item item = decision.item();
        try {
            ActualLrp replacement = receptor.evacuate(item.processGuid(), item.index(), item.oldInstanceGuid());
            return Optional.of(new RolloutStep.Decision(item, RolloutInstanceState.REPLACING, true, replacement,
                    "replacement " + replacement.state()));
        }
        catch (ReceptorException e) {
            log.info("receptor refused to evacuate {}/{} ({}); trying again next step", item.processGuid(),
                    item.index(), e.getMessage());
            return Optional.empty();
        }
    }

}
