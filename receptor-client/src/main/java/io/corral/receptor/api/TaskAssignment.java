package io.corral.receptor.api;

import static io.corral.receptor.api.ApiPatterns.GUID;
import static io.corral.receptor.api.ApiPatterns.GUID_MESSAGE;
import static io.corral.receptor.api.ApiPatterns.MAX_GUID_LENGTH;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One task's decision in an {@link AssignmentBatch}: what {@link Assignment} says, for
 * the task named here.
 */
public record TaskAssignment(
        @NotBlank @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = GUID, message = GUID_MESSAGE) String taskGuid,
        @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = GUID, message = GUID_MESSAGE) String cellId,
        @Size(max = 1024) String placementError) {
}
