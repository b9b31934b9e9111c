package io.corral.placement.rollout;

import io.corral.placement.constraint.ConstraintScope;
import io.corral.placement.constraint.RolloutStarter;
import io.corral.placement.constraint.Violation;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rollouts as stored: started by a constraint change, moved on by the
 * {@link RolloutRunner}, read by the API.
 */
@Service
public class RolloutService implements RolloutStarter {

    private final RolloutRepository rollouts;

    private final RolloutInstanceRepository instances;

    private final Clock clock;

    public RolloutService(RolloutRepository rollouts, RolloutInstanceRepository instances) {
        this.rollouts = rollouts;
        this.instances = instances;
        this.clock = Clock.systemUTC();
    }

    /**
     * Starts a rollout of {@code violations}; one still running for the same constraint
     * is superseded.
     */
    @Override
    @Transactional
    public RolloutRef start(ConstraintScope scope, List<Violation> violations, String actor) {
        Instant now = clock.instant();
        runningFor(scope).forEach(older -> older.end(RolloutState.SUPERSEDED, now));
        RolloutEntity rollout = rollouts.save(new RolloutEntity(scope, actor, now));
        instances.saveAll(violations.stream().map(v -> new RolloutInstanceEntity(rollout.id(), v, now)).toList());
        if (violations.isEmpty()) {
            rollout.end(RolloutState.COMPLETED, now);
        }
        return new RolloutRef(rollout.id(), rollout.state().name());
    }

    @Transactional(readOnly = true)
    public List<Long> running() {
        return rollouts.findByStateOrderById(RolloutState.RUNNING.name()).stream().map(RolloutEntity::id).toList();
    }

    @Transactional(readOnly = true)
    public List<RolloutStep.Item> items(long rolloutId) {
        return instances.findByRolloutIdOrderByProcessGuidAscIndexAsc(rolloutId)
            .stream()
            .map(RolloutInstanceEntity::item)
            .toList();
    }

    /**
     * Records a step's decisions; a rollout whose instances are all final is complete.
     */
    @Transactional
    public void apply(long rolloutId, List<RolloutStep.Decision> decisions) {
        Instant now = clock.instant();
        RolloutEntity rollout = rollouts.findById(rolloutId).orElseThrow();
        List<RolloutInstanceEntity> all = instances.findByRolloutIdOrderByProcessGuidAscIndexAsc(rolloutId);
        Map<IndexKey, RolloutInstanceEntity> byIndex = new HashMap<>();
        all.forEach(entity -> byIndex.put(new IndexKey(entity.processGuid(), entity.index()), entity));
        for (RolloutStep.Decision decision : decisions) {
            RolloutStep.Item item = decision.item();
            RolloutInstanceEntity entity = byIndex.get(new IndexKey(item.processGuid(), item.index()));
            if (entity != null) {
                entity.apply(decision, now);
            }
        }
        if (all.stream().allMatch(entity -> entity.state().isFinal())) {
            rollout.end(RolloutState.COMPLETED, now);
        }
        else if (!decisions.isEmpty()) {
            rollout.touch(now);
        }
    }

    @Transactional(readOnly = true)
    public RolloutView view(long id) {
        RolloutEntity rollout = rollouts.findById(id)
            .orElseThrow(() -> new ApiException(ErrorCode.ROLLOUT_NOT_FOUND, "no rollout " + id));
        return viewOf(rollout, instances.findByRolloutIdOrderByProcessGuidAscIndexAsc(id));
    }

    /** The newest rollouts first, without their instances. */
    @Transactional(readOnly = true)
    public List<RolloutView> recent() {
        return rollouts.findTop100ByOrderByIdDesc().stream().map(rollout -> viewOf(rollout, null)).toList();
    }

    private List<RolloutEntity> runningFor(ConstraintScope scope) {
        String lifecycle = scope.lifecycle().name();
        return scope.isDefault()
                ? rollouts.findByStateAndSpaceGuidIsNullAndLifecycle(RolloutState.RUNNING.name(), lifecycle) : rollouts
                    .findByStateAndSpaceGuidAndLifecycle(RolloutState.RUNNING.name(), scope.spaceGuid(), lifecycle);
    }

    private static RolloutView viewOf(RolloutEntity rollout, List<RolloutInstanceEntity> members) {
        Map<RolloutInstanceState, Long> counts = new EnumMap<>(RolloutInstanceState.class);
        List<RolloutView.Instance> shown = null;
        if (members != null) {
            members.forEach(member -> counts.merge(member.state(), 1L, Long::sum));
            shown = members.stream().map(RolloutView.Instance::of).toList();
        }
        ConstraintScope scope = rollout.scope();
        return new RolloutView(rollout.id(), scope.spaceGuid(), scope.lifecycle().name().toLowerCase(Locale.ROOT),
                rollout.state(), rollout.createdBy(), rollout.createdAt(), rollout.updatedAt(), rollout.completedAt(),
                members == null ? null : counts, shown);
    }

}
