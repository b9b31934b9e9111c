package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.event.RecordKind;
import io.corral.receptor.events.EventPublisher;
import io.corral.receptor.events.OutboxEvent;
import io.corral.receptor.events.RecordEvents;
import io.corral.receptor.lrp.InstanceBatchRows.Change;
import io.corral.receptor.lrp.InstanceBatchRows.Instance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Writes actual LRPs and publishes their events in the caller's transaction: the one
 * place where instances come into being, change and go, so no write escapes the event
 * stream. The one exception, {@link LostCellStep}, writes a batch at a time through
 * {@link InstanceBatchRows} and publishes the same events as this would; changes of many
 * instances at once come here too ({@link #writes}).
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
     * Changes and removals of instances, each decided on a row as
     * {@link InstanceBatchRows} read it, to be written together: a group's cell reports,
     * a batch's placement decisions. No entity to load, dirty-check and flush: Hibernate
     * was 29% of a claim and start's request CPU (docs/performance.md).
     */
    public Writes writes() {
        return new Writes();
    }

    /**
     * Writes an instance's row as {@code after}, a status decided on it as it was read,
     * over the version it was read at, alone, as {@link Writes#change} decides it.
     */
    public ActualLrp change(Instance instance, InstanceStatus after) {
        Writes writes = writes();
        ActualLrp changed = writes.change(instance, after).toApi();
        writes.write();
        return changed;
    }

    /** Marks the instance tainted, publishing the change once. */
    public ActualLrp taint(Instance instance) {
        if (instance.tainted()) {
            return instance.toApi();
        }
        Writes writes = writes();
        Instance tainted = writes.changed(new Change(instance, instance.tainting()));
        writes.write();
        return tainted.toApi();
    }

    /**
     * Removes the instance's row if it is still at the version it was read at; answers it
     * as it was. One written meanwhile is a conflict, as {@link Writes#write} has it.
     */
    public ActualLrp remove(Instance instance) {
        Writes writes = writes();
        writes.remove(instance);
        writes.write();
        return instance.toApi();
    }

    /** Removes the instance; answers it as it was. */
    public ActualLrp remove(ActualLrpEntity entity) {
        ActualLrp removed = ActualLrpMapper.toApi(entity);
        repository.delete(entity);
        events.removed(removed);
        return removed;
    }

    /**
     * Changes and removals decided one at a time and written by {@link #write}, each over
     * the version it was read at, with their events in the order they were decided. An
     * instance is written at most once: a second step on it in the same writes is refused
     * as a conflict (each write advances its version by one, with an event of its own).
     */
    public final class Writes {

        private final Map<UUID, Change> changes = new LinkedHashMap<>();

        private final Map<UUID, Instance> removals = new LinkedHashMap<>();

        private final List<Runnable> publications = new ArrayList<>();

        private Writes() {
        }

        /**
         * Applies one lifecycle step: answers the instance as it will be. A step that
         * changes nothing writes nothing, and one that {@linkplain InstanceLifecycle#ends
         * ends} an instance being replaced (evacuating or suspect) removes it (answering
         * it as it was).
         */
        public Instance change(Instance instance, InstanceStatus after) {
            if (after.equals(instance.status())) {
                return instance;
            }
            if (lifecycle.ends(after)) {
                remove(instance);
                return instance;
            }
            return changed(new Change(instance, instance.with(after)));
        }

        /** Removes the instance. */
        public void remove(Instance instance) {
            requireUntouched(instance);
            removals.put(instance.id(), instance);
            publications.add(() -> events.removed(instance.toApi()));
        }

        private Instance changed(Change change) {
            requireUntouched(change.before());
            changes.put(change.before().id(), change);
            publications.add(() -> events.changed(change.before().toApi(), change.after().toApi()));
            return change.after();
        }

        private void requireUntouched(Instance instance) {
            if (changes.containsKey(instance.id()) || removals.containsKey(instance.id())) {
                throw new OptimisticLockingFailureException("index " + instance.index() + " of '"
                        + instance.processGuid() + "' is written twice in one transaction");
            }
        }

        /**
         * Writes every change and removal; a row written meanwhile fails the whole write,
         * to be rolled back: Spring's {@code OptimisticLockingFailureException}, a 409.
         */
        public void write() {
            int written = rows.update(List.copyOf(changes.values())).size()
                    + rows.remove(List.copyOf(removals.values())).size();
            int decided = changes.size() + removals.size();
            if (written != decided) {
                throw new OptimisticLockingFailureException((decided - written) + " instance(s) changed concurrently");
            }
            publications.forEach(Runnable::run);
        }

    }

}
