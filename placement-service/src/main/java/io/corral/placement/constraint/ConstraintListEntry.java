package io.corral.placement.constraint;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * One element of {@code GET /v1/placement_constraints}: a distinct constraint and who has
 * it.
 */
record ConstraintListEntry(@JsonUnwrapped PlacementConstraint constraint, String lifecycle,
        @JsonProperty("default") boolean isDefault, List<String> spaceGuids) {

    static ConstraintListEntry of(ConstraintGroup group) {
        return new ConstraintListEntry(group.constraint(), ApiValues.apiName(group.lifecycle()), group.isDefault(),
                group.spaceGuids());
    }
}
