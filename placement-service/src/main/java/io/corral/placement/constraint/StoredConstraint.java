package io.corral.placement.constraint;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * A stored constraint as the API shows it: the constraint's fields, then
 * {@code space_guid} (absent for a default), {@code lifecycle}, {@code updated_at} (RFC
 * 3339) and {@code updated_by}.
 */
public record StoredConstraint(@JsonUnwrapped PlacementConstraint constraint, String spaceGuid, String lifecycle,
        Instant updatedAt, String updatedBy) {

    static StoredConstraint of(PlacementConstraint constraint, ConstraintScope scope, Instant updatedAt,
            String updatedBy) {
        return new StoredConstraint(constraint, scope.spaceGuid(), ApiValues.apiName(scope.lifecycle()), updatedAt,
                updatedBy);
    }
}
