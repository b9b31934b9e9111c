package io.corral.placement.constraint;

import java.util.List;

/**
 * One distinct constraint of a lifecycle and who has exactly it.
 *
 * @param isDefault whether it is that lifecycle's default
 * @param spaceGuids the spaces whose own constraint it is, sorted; empty for a default no
 * space repeats
 */
public record ConstraintGroup(Lifecycle lifecycle, PlacementConstraint constraint, boolean isDefault,
        List<String> spaceGuids) {

    public ConstraintGroup {
        spaceGuids = List.copyOf(spaceGuids);
    }
}
