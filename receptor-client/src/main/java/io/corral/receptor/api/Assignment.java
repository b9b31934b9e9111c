package io.corral.receptor.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The placement service's decision for one UNCLAIMED instance or PENDING task: a
 * {@code cell_id}, or a {@code placement_error} saying why none fits. For an instance,
 * {@code instance_guid} names the one decided on, so a decision about a replaced instance
 * is refused.
 */
public record Assignment(@Size(max = ApiPatterns.MAX_GUID_LENGTH) String instanceGuid,
        @Size(max = ApiPatterns.MAX_GUID_LENGTH) @Pattern(regexp = ApiPatterns.GUID,
                message = ApiPatterns.GUID_MESSAGE) String cellId,
        @Size(max = 1024) String placementError) {
}
