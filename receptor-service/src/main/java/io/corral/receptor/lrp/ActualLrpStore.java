package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.event.RecordKind;
import io.corral.receptor.events.EventPublisher;
import io.corral.receptor.events.OutboxEvent;
import io.corral.receptor.events.RecordEvents;
import io.corral.receptor.lrp.InstanceBatchRows.Change;
import io.corral.receptor.lrp.InstanceBatchRows.Instance;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Writes actual LRPs and publishes their events in the caller's transaction: the one
 * place where instances come into being, change and go, so no write escapes the event
 * stream. The one exception, {@link LostCellStep}, writes a batch at a time through
 * {@link InstanceBatchRows} and publishes the same events as this would; changes of many
 * instances at once come here too ({@link #changeAll}).
 */
@Component
class ActualLrpStore {

    private final ActualLrpRepository repository;

    private final InstanceBatchRows rows;

    private final RecordEvents<ActualLrp> events;

    private final InstanceLifecycle lifecycle = new InstanceLifecycle(() -> UUID.randomUUID().toString());

    public ActualLrpStore(ActualLrpRepository repository, InstanceBatchRows rows, EventPublisher events) {
        this.repository = repository;
        this.rows = rows;
        this.events = events.of(RecordKind.ACTUAL_LRP);
    }

    public InstanceLifecycle lifecycle() {
        return lifecycle;
    }

    public ActualLrp create(String processGuid, int index, String domain, long nowNs) {
        return createAll(processGuid, List.of(index), domain, nowNs).get(0);
    }

    /**
     * A new UNCLAIMED instance at each of {@code indices}, written in one statement: a
     * desire's instances went through JPA one entity each, a fifth of its request's CPU.
     */
    public List<ActualLrp> createAll(String processGuid, List<Integer> indices, String domain, long nowNs) {
        List<Instance> instances = unclaimed(processGuid, indices, domain, nowNs);
        rows.insert(instances);
        List<ActualLrp> created = instances.stream().map(Instance::toApi).toList();
        created.forEach(events::created);
        return created;
    }

    /**
     * New UNCLAIMED instances at {@code indices}, not yet written: for a statement that
     * writes them with their events ({@link #creation}) beside other rows.
     */
    public List<Instance> unclaimed(String processGuid, List<Integer> indices, String domain, long nowNs) {
        return indices.stream()
            .map(index -> Instance.created(processGuid, index, domain, lifecycle.unclaimed(nowNs)))
            .toList();
    }

    /** The event of {@code instance}'s creation, for the statement that writes it. */
    public OutboxEvent creation(Instance instance) {
        return events.creation(instance.toApi());
    }

    /**
     * Applies one lifecycle step; a step that changes nothing writes and publishes
     * nothing, and one that {@linkplain InstanceLifecycle#ends ends} an instance being
     * replaced (evacuating or suspect) removes it (answering it as it was).
     */
    public ActualLrp change(ActualLrpEntity entity, UnaryOperator<InstanceStatus> step) {
        InstanceStatus before = entity.status();
        InstanceStatus after = step.apply(before);
        if (after.equals(before)) {
            return ActualLrpMapper.toApi(entity);
        }
        if (lifecycle.ends(after)) {
            return remove(entity);
        }
        ActualLrp beforeApi = ActualLrpMapper.toApi(entity);
        entity.apply(after);
        // Flushing through the repository bumps the version now (the event carries the
        // new tag)
        // and turns a lost race into Spring's OptimisticLockingFailureException: a 409.
        repository.saveAndFlush(entity);
        ActualLrp afterApi = ActualLrpMapper.toApi(entity);
        events.changed(beforeApi, afterApi);
        return afterApi;
    }

    /**
     * Writes changes decided on rows as {@link InstanceBatchRows} read them, in one
     * statement, each over the version it was read at, and publishes them as
     * {@link #change} does. A row written meanwhile fails the whole write, to be rolled
     * back: Spring's {@code OptimisticLockingFailureException}, a 409.
     */
    public void changeAll(List<Change> changes) {
        Set<UUID> written = rows.update(changes);
        if (written.size() != changes.size()) {
            throw new OptimisticLockingFailureException(
                    (changes.size() - written.size()) + " instance(s) changed concurrently");
        }
        changes.forEach(change -> events.changed(change.before().toApi(), change.after().toApi()));
    }

    /**
     * Writes an instance's row as {@code after}, a status decided on it as it was read,
     * over the version it was read at; unchanged, it writes and publishes nothing, and a
     * status that {@linkplain InstanceLifecycle#ends ends} an instance being replaced
     * removes it (answering it as it was). A cell's reports come this way, with no entity
     * to load, dirty-check and flush: Hibernate was 29% of a claim and start's request
     * CPU (docs/performance.md).
     */
    public ActualLrp change(Instance instance, InstanceStatus after) {
        if (after.equals(instance.status())) {
            return instance.toApi();
        }
        if (lifecycle.ends(after)) {
            return remove(instance);
        }
        Instance changed = instance.with(after);
        changeAll(List.of(new Change(instance, changed)));
        return changed.toApi();
    }

    /** Marks the instance tainted, publishing the change once. */
    public ActualLrp taint(Instance instance) {
        if (instance.tainted()) {
            return instance.toApi();
        }
        Instance tainted = instance.tainting();
        changeAll(List.of(new Change(instance, tainted)));
        return tainted.toApi();
    }

    /**
     * Removes the instance's row if it is still at the version it was read at; answers it
     * as it was. One written meanwhile is a conflict, as {@link #changeAll} has it.
     */
    public ActualLrp remove(Instance instance) {
        if (rows.remove(List.of(instance)).isEmpty()) {
            throw new OptimisticLockingFailureException("the instance changed concurrently");
        }
        ActualLrp removed = instance.toApi();
        events.removed(removed);
        return removed;
    }

    /** Removes the instance; answers it as it was. */
    public ActualLrp remove(ActualLrpEntity entity) {
        ActualLrp removed = ActualLrpMapper.toApi(entity);
        repository.delete(entity);
        events.removed(removed);
        return removed;
    }

}
