package io.corral.receptor.api;

/**
 * One instance's outcome: {@code error} is null when the decision was taken, and
 * {@code instance_guid} is then the instance's (also when the request named none).
 */
public record LrpAssignmentResult(String processGuid, int index, String instanceGuid, AssignmentError error) {
}
