package io.corral.receptor.api;

import java.util.List;

/**
 * The outcome of each decision of an {@link AssignmentBatch}, in the order of the
 * request.
 */
public record AssignmentResults(List<LrpAssignmentResult> actualLrps, List<TaskAssignmentResult> tasks) {
}
