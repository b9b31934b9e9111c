package io.corral.receptor.api;

/** One task's outcome: {@code error} is null when the decision was taken. */
public record TaskAssignmentResult(String taskGuid, AssignmentError error) {
}
