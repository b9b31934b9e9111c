package io.corral.placement.constraint;

import io.corral.placement.receptor.ReceptorSnapshot;
import io.corral.placement.receptor.ReceptorSnapshots;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * A constraint change and what it means for the instances already placed: which of them
 * now break its rules, and, asked for, a rollout that moves them. The violations are
 * found after the constraint is committed, against the receptor as it is then. Also the
 * violations of every constraint as things stand.
 */
@Service
public class ConstraintChanges {

    private final PlacementConstraintService constraints;

    private final ReceptorSnapshots snapshots;

    private final RolloutStarter rollouts;

    public ConstraintChanges(PlacementConstraintService constraints, ReceptorSnapshots snapshots,
            RolloutStarter rollouts) {
        this.constraints = constraints;
        this.snapshots = snapshots;
        this.rollouts = rollouts;
    }

    public ConstraintPutResult put(ConstraintScope scope, PlacementConstraint constraint, Rollout rollout,
            String actor) {
        if (rollout == Rollout.ROLLING && scope.lifecycle() == Lifecycle.STAGING) {
            throw ApiException.invalidRequest("rollout: a staging constraint governs staging tasks, which have no"
                    + " running instances to move; use rollout=none");
        }
        StoredConstraint stored = constraints.put(scope, constraint, actor);
        List<Violation> violations = new ViolationFinder(receptorState(), constraints.current()).find(scope);
        RolloutStarter.RolloutRef started = rollout == Rollout.ROLLING ? rollouts.start(scope, violations, actor)
                : null;
        return new ConstraintPutResult(stored, violations, started);
    }

    /**
     * Every placed instance that breaks the rules governing it now (instances of
     * constraints changed without a rollout, or of cells whose tags changed).
     */
    public List<Violation> current() {
        return new ViolationFinder(snapshots.load(), constraints.current()).all();
    }

    private ReceptorSnapshot receptorState() {
        try {
            return snapshots.load();
        }
        catch (RuntimeException e) {
            throw new ApiException(ErrorCode.RECEPTOR_UNAVAILABLE, "the constraint is stored, but"
                    + " the receptor did not answer, so its violations are unknown; repeat the request to see them"
                    + " (and start the rollout): " + e.getMessage());
        }
    }

}
