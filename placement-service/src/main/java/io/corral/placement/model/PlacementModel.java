package io.corral.placement.model;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskState;
import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpRemoved;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpRemoved;
import io.corral.receptor.api.event.ReceptorEvent.TaskChanged;
import io.corral.receptor.api.event.ReceptorEvent.TaskCreated;
import io.corral.receptor.api.event.ReceptorEvent.TaskRemoved;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * The receptor's desired LRPs, actual LRPs and tasks as placement sees them, kept current
 * by the receptor's events, so an auction reads memory instead of the whole receptor.
 *
 * <p>
 * A full read replaces the contents: {@link #beginRead()} before reading the receptor,
 * {@link #completeRead} with what was read. Events applied meanwhile are applied again on
 * top of the read, so a change the read missed is not lost; applying an event is setting
 * the record to its state after the change, so one the read already saw changes nothing.
 *
 * <p>
 * The auction's own writes show before their events arrive: {@link #placed} holds each
 * placement (or each one of a batch whose outcome is unknown) as a <em>pending cell</em>
 * until an event shows the instance or task on a cell, gone, or in another state, or
 * until {@code pendingTtl} passes. Meanwhile the instance counts as placed on that cell,
 * so the next auction neither places it again nor gives its room to other work.
 *
 * <p>
 * Thread-safe: events arrive on the event follower's thread, reads come from auctions,
 * queries and the periodic full read.
 */
public final class PlacementModel {

    private final Duration pendingTtl;

    private final LongSupplier nanoClock;

    private final Map<String, DesiredLrp> desiredLrps = new HashMap<>();

    private final Map<String, ActualLrp> actualLrps = new HashMap<>();

    private final Map<String, Task> tasks = new HashMap<>();

    private final Map<String, PendingCell> pendingInstances = new HashMap<>();

    private final Map<String, PendingCell> pendingTasks = new HashMap<>();

    private final Set<Read> reads = new HashSet<>();

    private boolean synced;

    public PlacementModel(Duration pendingTtl, LongSupplier nanoClock) {
        this.pendingTtl = pendingTtl;
        this.nanoClock = nanoClock;
    }

    /** A full read under way: the events applied since it began. */
    public static final class Read {

        private final List<ReceptorEvent> eventsSince = new ArrayList<>();

    }

    private record PendingCell(String cellId, long until) {
    }

    /** Whether a full read has completed: until then the model knows nothing. */
    public synchronized boolean synced() {
        return synced;
    }

    /**
     * Waits up to {@code timeout} for the first full read to complete; whether it has.
     */
    public synchronized boolean awaitSynced(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!synced) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    public synchronized Read beginRead() {
        Read read = new Read();
        reads.add(read);
        return read;
    }

    /**
     * Replaces the contents with {@code state}, read after {@code read} began, and
     * applies again the events that arrived since.
     */
    public synchronized void completeRead(Read read, ModelState state) {
        reads.remove(read);
        desiredLrps.clear();
        desiredLrps.putAll(state.desiredLrps());
        actualLrps.clear();
        actualLrps.putAll(state.actualLrps());
        tasks.clear();
        tasks.putAll(state.tasks());
        read.eventsSince.forEach(this::change);
        synced = true;
        notifyAll();
    }

    /** A read that failed: its events need not be kept. */
    public synchronized void abandonRead(Read read) {
        reads.remove(read);
    }

    public synchronized void apply(ReceptorEvent event) {
        change(event);
        reads.forEach(read -> read.eventsSince.add(event));
    }

    /**
     * The auction placed these instances (by {@code instance_guid}) and tasks (by
     * {@code task_guid}) on the cells named, or may have: count them there until their
     * events tell.
     */
    public synchronized void placed(Map<String, String> instanceCells, Map<String, String> taskCells) {
        long until = nanoClock.getAsLong() + pendingTtl.toNanos();
        instanceCells.forEach((guid, cell) -> pendingInstances.put(guid, new PendingCell(cell, until)));
        taskCells.forEach((guid, cell) -> pendingTasks.put(guid, new PendingCell(cell, until)));
    }

    /** What the receptor holds as far as the model knows, with pending cells applied. */
    public ModelState state() {
        ModelSnapshot snapshot = snapshot();
        return ModelState.of(List.copyOf(snapshot.desiredLrps().values()), snapshot.actualLrps(), snapshot.tasks());
    }

    /**
     * {@link #state()} in one walk of the instances and tasks, building no map of them:
     * at 100,000 instances, copying the map was most of a small auction's time.
     */
    public synchronized ModelSnapshot snapshot() {
        long now = nanoClock.getAsLong();
        pendingInstances.values().removeIf(pending -> pending.until() - now < 0);
        pendingTasks.values().removeIf(pending -> pending.until() - now < 0);
        return new ModelSnapshot(Map.copyOf(desiredLrps),
                withPendingCells(actualLrps, pendingInstances, ModelRecords::withCell),
                withPendingCells(tasks, pendingTasks, ModelRecords::withCell));
    }

    /**
     * The records, each on its pending cell if it has one. An empty {@code pending} is
     * not asked for each record: that would touch every key in a large walk.
     */
    private static <T> List<T> withPendingCells(Map<String, T> records, Map<String, PendingCell> pending,
            BiFunction<T, String, T> withCell) {
        List<T> list = new ArrayList<>(records.size());
        records.forEach((key, record) -> {
            PendingCell cell = pending.isEmpty() ? null : pending.get(key);
            list.add(cell == null ? record : withCell.apply(record, cell.cellId()));
        });
        return Collections.unmodifiableList(list);
    }

    private void change(ReceptorEvent event) {
        if (event instanceof DesiredLrpCreated created) {
            desiredLrps.put(created.desiredLrp().processGuid(), created.desiredLrp());
        }
        else if (event instanceof DesiredLrpChanged changed) {
            desiredLrps.put(changed.after().processGuid(), changed.after());
        }
        else if (event instanceof DesiredLrpRemoved removed) {
            desiredLrps.remove(removed.desiredLrp().processGuid());
        }
        else if (event instanceof ActualLrpCreated created) {
            putInstance(created.actualLrp());
        }
        else if (event instanceof ActualLrpChanged changed) {
            if (!changed.before().instanceGuid().equals(changed.after().instanceGuid())) {
                removeInstance(changed.before().instanceGuid());
            }
            putInstance(changed.after());
        }
        else if (event instanceof ActualLrpRemoved removed) {
            removeInstance(removed.actualLrp().instanceGuid());
        }
        else if (event instanceof TaskCreated created) {
            putTask(created.task());
        }
        else if (event instanceof TaskChanged changed) {
            putTask(changed.after());
        }
        else if (event instanceof TaskRemoved removed) {
            tasks.remove(removed.task().taskGuid());
            pendingTasks.remove(removed.task().taskGuid());
        }
    }

    private void putInstance(ActualLrp instance) {
        actualLrps.put(instance.instanceGuid(), instance);
        if (instance.cellId() != null || instance.state() != ActualLrpState.UNCLAIMED) {
            pendingInstances.remove(instance.instanceGuid());
        }
    }

    private void removeInstance(String instanceGuid) {
        actualLrps.remove(instanceGuid);
        pendingInstances.remove(instanceGuid);
    }

    private void putTask(Task task) {
        tasks.put(task.taskGuid(), task);
        if (task.cellId() != null || task.state() != TaskState.PENDING) {
            pendingTasks.remove(task.taskGuid());
        }
    }

}
