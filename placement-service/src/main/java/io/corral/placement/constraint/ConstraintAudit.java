package io.corral.placement.constraint;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The trail of constraint changes: written in the change's own transaction, read newest
 * first.
 */
@Service
class ConstraintAudit {

    private final ConstraintAuditRepository entries;

    ConstraintAudit(ConstraintAuditRepository entries) {
        this.entries = entries;
    }

    /**
     * Records a change; only inside the transaction that makes it, so both commit or
     * neither does.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void record(ConstraintScope scope, String actor, Instant at, PlacementConstraint before,
            PlacementConstraint after) {
        entries.save(new ConstraintAuditEntity(scope, actor, at, before, after));
    }

    /**
     * Up to {@code limit} entries older than {@code beforeId} (null: from the newest), of
     * one space and lifecycle when they are given.
     */
    @Transactional(readOnly = true)
    AuditPage page(String spaceGuid, Lifecycle lifecycle, Long beforeId, int limit) {
        List<ConstraintAuditEntity> found = entries.findNewest(spaceGuid, lifecycle, beforeId, Limit.of(limit + 1));
        List<ConstraintAuditEntity> page = found.subList(0, Math.min(limit, found.size()));
        Long next = found.size() > limit ? page.get(page.size() - 1).id() : null;
        return new AuditPage(page.stream().map(ConstraintAuditEntity::toApi).toList(), next);
    }

}
