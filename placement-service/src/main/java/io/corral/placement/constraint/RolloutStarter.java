package io.corral.placement.constraint;

import java.util.List;

/**
 * Starts a rolling rebalance of the instances a changed constraint left on cells that
 * break their rules.
 */
public interface RolloutStarter {

    /**
     * A started rollout as the constraint API names it: follow it at
     * {@code /v1/rollouts/{id}}.
     */
    record RolloutRef(long id, String state) {
    }

    RolloutRef start(ConstraintScope scope, List<Violation> violations, String actor);

}
