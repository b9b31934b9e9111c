package io.corral.cli.placement;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The placement service's JSON, as far as the CLI's tables read it ({@code --json} prints
 * the answers whole); {@code docs/placement.md} describes every field.
 */
final class PlacementApi {

    static final String SCOPE = "placement.admin";

    private PlacementApi() {
    }

    /**
     * A stored constraint, or an entry of the list (with {@code default} and its spaces).
     */
    record Constraint(List<String> tags, List<String> forbiddenTags, Map<String, Integer> preferredTags,
            Integer maxInstancesPerCell, String spaceGuid, String lifecycle, String updatedAt, String updatedBy,
            @JsonProperty("default") Boolean isDefault, List<String> spaceGuids) {
    }

    /** The body of a constraint {@code PUT}. */
    record ConstraintRequest(List<String> tags, List<String> forbiddenTags, Map<String, Integer> preferredTags,
            Integer maxInstancesPerCell) {
    }

    record PutResult(Constraint constraint, List<Violation> violations, RolloutRef rollout) {
    }

    record Violation(String processGuid, int index, String instanceGuid, String cellId, List<String> reasons) {
    }

    record RolloutRef(long id, String state) {
    }

    record AuditPage(List<AuditEntry> entries, Long nextBeforeId) {
    }

    record AuditEntry(long id, String spaceGuid, String lifecycle, String actor, String at, Constraint before,
            Constraint after) {
    }

    record Explanation(String processGuid, int index, Rules rules, String chosenCellId, String placementError,
            List<CellVerdict> cells) {
    }

    record Rules(List<String> requiredTags, List<String> forbiddenTags, Map<String, Integer> preferredTags,
            Integer maxInstancesPerCell) {
    }

    record CellVerdict(String cellId, String zone, List<String> rejections, Score score) {
    }

    record Score(int zoneInstances, int preference, int cellInstances, double resourceUse) {
    }

    record SimulationRequest(int instances, String rootfs, Integer memoryMb, Integer diskMb, List<String> placementTags,
            String spaceGuid, String lifecycle) {
    }

    record Simulation(List<Placed> placements, List<Unplaced> failures, Map<String, Integer> instancesPerZone) {
    }

    record Placed(int index, String cellId, String zone) {
    }

    record Unplaced(int index, String placementError) {
    }

    record Rollout(long id, String spaceGuid, String lifecycle, String state, String createdBy, String createdAt,
            String updatedAt, String completedAt, Map<String, Long> instanceCounts, List<RolloutInstance> instances) {
    }

    record RolloutInstance(String processGuid, int index, String oldInstanceGuid, String oldCellId,
            List<String> reasons, String state, String replacementInstanceGuid, String newCellId, String detail,
            String updatedAt) {
    }

}
