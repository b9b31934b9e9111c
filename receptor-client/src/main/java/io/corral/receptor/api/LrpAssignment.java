package io.corral.receptor.api;

import static io.corral.receptor.api.ApiPatterns.GUID;
import static io.corral.receptor.api.ApiPatterns.GUID_MESSAGE;
import static io.corral.receptor.api.ApiPatterns.MAX_GUID_LENGTH;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One instance's decision in an {@link AssignmentBatch}: what {@link Assignment} says,
 * for the index named here.
 */
public record LrpAssignment(
        @NotBlank @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = GUID, message = GUID_MESSAGE) String processGuid,
        @Min(0) int index, @Size(max = MAX_GUID_LENGTH) String instanceGuid,
        @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = GUID, message = GUID_MESSAGE) String cellId,
        @Size(max = 1024) String placementError) {
}
