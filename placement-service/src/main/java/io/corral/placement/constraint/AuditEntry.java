package io.corral.placement.constraint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.time.Instant;

/**
 * One change of a constraint. {@code space_guid} is null for a default; {@code before} is
 * null for a creation, {@code after} for a deletion.
 */
record AuditEntry(long id, @JsonInclude(Include.ALWAYS) String spaceGuid, String lifecycle, String actor, Instant at,
        @JsonInclude(Include.ALWAYS) PlacementConstraint before,
        @JsonInclude(Include.ALWAYS) PlacementConstraint after) {
}
