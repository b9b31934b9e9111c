package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.event.RecordKind;
import io.corral.receptor.common.EpochNanos;
import io.corral.receptor.convergence.ConvergenceStep;
import io.corral.receptor.events.EventPublisher;
import io.corral.receptor.events.RecordEvents;
import io.corral.receptor.lrp.InstanceBatchRows.Change;
import io.corral.receptor.lrp.InstanceBatchRows.Instance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Instances on a cell that is gone (no row, or its heartbeat expired): a RUNNING one
 * becomes suspect and runs on, routable, beside a new UNCLAIMED instance of its index;
 * the others become UNCLAIMED to be placed again, and an evacuating one is removed. The
 * suspect and its replacement are written in one transaction.
 *
 * <p>
 * A batch of instances is decided in memory, by {@link InstanceLifecycle#cellLost}, and
 * written in a statement per kind of write, with the events {@link ActualLrpStore} would
 * publish for each instance. An instance written meanwhile (a cell's report) keeps that
 * write and is taken by the next pass.
 */
@Component
@Order(10)
class LostCellStep implements ConvergenceStep {

    private final InstanceBatchRows rows;

    private final InstanceLifecycle lifecycle;

    private final RecordEvents<ActualLrp> events;

    private final ConvergenceBatches batches;

    LostCellStep(InstanceBatchRows rows, ActualLrpStore store, EventPublisher events, ConvergenceBatches batches) {
        this.rows = rows;
        this.lifecycle = store.lifecycle();
        this.events = events.of(RecordKind.ACTUAL_LRP);
        this.batches = batches;
    }

    @Override
    public String name() {
        return "lrp-lost-cells";
    }

    @Override
    public int converge() {
        long now = EpochNanos.now();
        Instant present = Instant.now();
        int changed = 0;
        for (String cellId : rows.goneCellsHoldingInstances(present)) {
            changed += batches.pages((after, limit) -> rows.findOnGoneCell(cellId, present, after, limit), Instance::id,
                    found -> converge(found, now));
        }
        return changed;
    }

    private int converge(List<Instance> found, long now) {
        LostBatch batch = new LostBatch(found, now);
        batch.write();
        batch.publish();
        return batch.written();
    }

    /**
     * One batch of instances on gone cells: what becomes of each, what of it was written,
     * and the events of what was.
     */
    private final class LostBatch {

        private final List<Instance> found;

        private final long now;

        private final Map<UUID, Change> changes = new LinkedHashMap<>();

        private final List<Instance> ending = new ArrayList<>();

        private final Map<UUID, Instance> replacements = new LinkedHashMap<>();

        private Set<UUID> updated = Set.of();

        private Set<UUID> removed = Set.of();

        LostBatch(List<Instance> found, long now) {
            this.found = found;
            this.now = now;
            for (Instance instance : found) {
                InstanceStatus next = lifecycle.cellLost(instance.status(), now);
                if (next.equals(instance.status())) {
                    continue;
                }
                if (lifecycle.ends(next)) {
                    ending.add(instance);
                }
                else {
                    changes.put(instance.id(), new Change(instance, instance.with(next)));
                }
            }
        }

        /** Writes the changes and removals, then a replacement of each new suspect. */
        void write() {
            updated = rows.update(List.copyOf(changes.values()));
            removed = rows.remove(ending);
            for (Change change : changes.values()) {
                Instance suspect = change.after();
                if (updated.contains(suspect.id()) && suspect.status().suspect()) {
                    replacements.put(suspect.id(), Instance.created(suspect.processGuid(), suspect.index(),
                            suspect.domain(), lifecycle.unclaimed(now)));
                }
            }
            rows.insert(List.copyOf(replacements.values()));
        }

        /**
         * The events in the order of the instances, each instance's as ActualLrpStore
         * publishes them: changed (or removed), then its replacement created.
         */
        void publish() {
            for (Instance instance : found) {
                UUID id = instance.id();
                if (removed.contains(id)) {
                    events.removed(instance.toApi());
                }
                else if (updated.contains(id)) {
                    events.changed(instance.toApi(), changes.get(id).after().toApi());
                    Instance replacement = replacements.get(id);
                    if (replacement != null) {
                        events.created(replacement.toApi());
                    }
                }
            }
        }

        int written() {
            return updated.size() + removed.size();
        }

    }

}
