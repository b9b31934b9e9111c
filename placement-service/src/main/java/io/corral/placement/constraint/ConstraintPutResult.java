package io.corral.placement.constraint;

import java.util.List;

/**
 * The answer to a PUT of a constraint: the constraint as stored, the placed instances
 * whose cells break the rules it gives them, and with {@code ?rollout=rolling} the
 * rollout moving them.
 */
public record ConstraintPutResult(StoredConstraint constraint, List<Violation> violations,
        RolloutStarter.RolloutRef rollout) {
}
