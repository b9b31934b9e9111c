package io.corral.placement.constraint;

import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-space and default placement constraints. Every change is one transaction holding
 * the row's lock and writing its audit entry; a change that changes nothing writes
 * nothing.
 */
@Service
public class PlacementConstraintService {

    private final PlacementConstraintRepository constraints;

    private final ConstraintAudit audit;

    public PlacementConstraintService(PlacementConstraintRepository constraints, ConstraintAudit audit) {
        this.constraints = constraints;
        this.audit = audit;
    }

    /**
     * Creates or replaces the constraint of {@code scope} as {@code actor}; the one write
     * behind both PUT endpoints ({@link ConstraintChanges} adds what the change means for
     * running instances). Racing writes of one scope, creations too, follow each other:
     * each succeeds, the later replacing the earlier.
     */
    @Transactional
    public StoredConstraint put(ConstraintScope scope, PlacementConstraint constraint, String actor) {
        constraints.lockScope((scope.isDefault() ? "" : scope.spaceGuid()) + "/" + scope.lifecycle().name());
        Optional<PlacementConstraintEntity> stored = constraints.findForUpdateBySpaceGuidAndLifecycle(scope.spaceGuid(),
                scope.lifecycle());
        PlacementConstraint before = stored.map(PlacementConstraintEntity::constraint).orElse(null);
        if (constraint.equals(before)) {
            return stored.get().toApi();
        }
        Instant now = now();
        PlacementConstraintEntity entity = stored.orElseGet(() -> new PlacementConstraintEntity(scope));
        entity.redefine(constraint, now, actor);
        constraints.saveAndFlush(entity);
        audit.record(scope, actor, now, before, constraint);
        return entity.toApi();
    }

    @Transactional(readOnly = true)
    public StoredConstraint get(ConstraintScope scope) {
        return constraints.findBySpaceGuidAndLifecycle(scope.spaceGuid(), scope.lifecycle())
            .map(PlacementConstraintEntity::toApi)
            .orElseThrow(
                    () -> new ApiException(ErrorCode.PLACEMENT_CONSTRAINT_NOT_FOUND, describe(scope) + " not found"));
    }

    /**
     * Removes the constraint of {@code scope}, if there is one: deleting twice is
     * deleting once.
     */
    @Transactional
    public void delete(ConstraintScope scope, String actor) {
        constraints.findForUpdateBySpaceGuidAndLifecycle(scope.spaceGuid(), scope.lifecycle()).ifPresent(entity -> {
            constraints.delete(entity);
            audit.record(scope, actor, now(), entity.constraint(), null);
        });
    }

    /**
     * Every constraint and default, in one query: cheap enough for each auction round.
     */
    @Transactional(readOnly = true)
    public ConstraintBook current() {
        Map<ConstraintScope, PlacementConstraint> all = constraints.findAll()
            .stream()
            .collect(Collectors.toMap(PlacementConstraintEntity::scope, PlacementConstraintEntity::constraint));
        return new ConstraintBook(all);
    }

    /** The database keeps microseconds: an answer shows the time as a later read will. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static String describe(ConstraintScope scope) {
        String lifecycle = ApiValues.apiName(scope.lifecycle());
        return scope.isDefault() ? "the default " + lifecycle + " placement constraint"
                : "the " + lifecycle + " placement constraint of space '" + scope.spaceGuid() + "'";
    }

}
