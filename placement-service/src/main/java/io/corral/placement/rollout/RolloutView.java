package io.corral.placement.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rollout as {@code GET /v1/rollouts/{id}} shows it; {@code space_guid} is absent for a
 * default's.
 */
public record RolloutView(long id, String spaceGuid, String lifecycle, RolloutState state, String createdBy,
        Instant createdAt, Instant updatedAt, Instant completedAt, Map<RolloutInstanceState, Long> instanceCounts,
        List<Instance> instances) {

    /** One violating instance and its replacement so far. */
    public record Instance(String processGuid, int index, String oldInstanceGuid, String oldCellId,
            List<String> reasons, RolloutInstanceState state, String replacementInstanceGuid, String newCellId,
            String detail, Instant updatedAt) {

        static Instance of(RolloutInstanceEntity entity) {
            return new Instance(entity.processGuid(), entity.index(), entity.oldInstanceGuid(), entity.oldCellId(),
                    entity.reasons(), entity.state(), entity.replacementInstanceGuid(), entity.newCellId(),
                    entity.detail(), entity.updatedAt());
        }
    }
}
