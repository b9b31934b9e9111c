package io.corral.placement.model;

import io.corral.placement.auction.Occupancy;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
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
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
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
 * As records change, the model keeps what an auction asks for: the work waiting for a
 * cell, and what each cell holds ({@link CellLedger}). An auction of one instance among
 * 100,000 then reads that instance and the cells, not every instance.
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

    private final Map<String, Set<String>> instancesByProcess = new HashMap<>();

    private final Map<String, ActualLrp> unplacedInstances = new HashMap<>();

    private final Map<String, Task> unplacedTasks = new HashMap<>();

    private final Map<String, CellLedger.Holding> instanceHoldings = new HashMap<>();

    private final Map<String, CellLedger.Holding> taskHoldings = new HashMap<>();

    private final CellLedger ledger = new CellLedger();

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
        instancesByProcess.clear();
        state.actualLrps().values().forEach(this::index);
        tasks.clear();
        tasks.putAll(state.tasks());
        unplacedInstances.clear();
        unplacedTasks.clear();
        instanceHoldings.clear();
        taskHoldings.clear();
        ledger.clear();
        actualLrps.keySet().forEach(this::refreshInstance);
        tasks.keySet().forEach(this::refreshTask);
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
     * events tell. One whose event arrived first stays as its event shows it.
     */
    public synchronized void placed(Map<String, String> instanceCells, Map<String, String> taskCells) {
        long until = nanoClock.getAsLong() + pendingTtl.toNanos();
        instanceCells.forEach((guid, cell) -> {
            if (awaitsItsPlacement(actualLrps.get(guid))) {
                pendingInstances.put(guid, new PendingCell(cell, until));
                refreshInstance(guid);
            }
        });
        taskCells.forEach((guid, cell) -> {
            if (awaitsItsPlacement(tasks.get(guid))) {
                pendingTasks.put(guid, new PendingCell(cell, until));
                refreshTask(guid);
            }
        });
    }

    /** What the receptor holds as far as the model knows, with pending cells applied. */
    public ModelState state() {
        ModelSnapshot records = records();
        return ModelState.of(List.copyOf(records.desiredLrps().values()), records.actualLrps(), records.tasks());
    }

    /**
     * Every record, pending cells applied, in one walk of the instances and tasks that
     * builds no map of them.
     */
    public synchronized ModelSnapshot records() {
        expirePendingCells();
        return new ModelSnapshot(Map.copyOf(desiredLrps),
                withPendingCells(actualLrps, pendingInstances, ModelRecords::withCell),
                withPendingCells(tasks, pendingTasks, ModelRecords::withCell));
    }

    /** The work waiting for a cell and what the cells hold, for an auction. */
    public synchronized Backlog backlog() {
        expirePendingCells();
        Map<String, DesiredLrp> desired = new HashMap<>();
        Set<String> processes = new HashSet<>();
        for (ActualLrp instance : unplacedInstances.values()) {
            desired.put(instance.processGuid(), desiredLrps.get(instance.processGuid()));
            processes.add(instance.processGuid());
        }
        unplacedTasks.values().forEach(task -> processes.add(ReceptorWork.taskProcess(task)));
        return new Backlog(desired, List.copyOf(unplacedInstances.values()), List.copyOf(unplacedTasks.values()),
                ledger.occupancy(processes));
    }

    /** What the cells hold, with no process's spread. */
    public synchronized Occupancy occupancy() {
        expirePendingCells();
        return ledger.occupancy(Set.of());
    }

    /**
     * The ordinary instance at {@code index} of the process as if it were being placed
     * now; empty if the model knows no such instance or desired LRP.
     */
    public synchronized Optional<PlacementContext> placementContext(String processGuid, int index) {
        expirePendingCells();
        DesiredLrp desired = desiredLrps.get(processGuid);
        Optional<String> instance = instancesByProcess.getOrDefault(processGuid, Set.of())
            .stream()
            .filter(guid -> actualLrps.get(guid).index() == index
                    && actualLrps.get(guid).presence() == ActualLrpPresence.ORDINARY)
            .findFirst();
        if (desired == null || instance.isEmpty()) {
            return Optional.empty();
        }
        CellLedger.Holding held = instanceHoldings.get(instance.get());
        if (held == null) {
            return Optional.of(new PlacementContext(desired, ledger.occupancy(Set.of(processGuid))));
        }
        ledger.remove(held);
        Occupancy others = ledger.occupancy(Set.of(processGuid));
        ledger.add(held);
        return Optional.of(new PlacementContext(desired, others));
    }

    private void expirePendingCells() {
        long now = nanoClock.getAsLong();
        expire(pendingInstances, now, this::refreshInstance);
        expire(pendingTasks, now, this::refreshTask);
    }

    private static void expire(Map<String, PendingCell> pending, long now, Consumer<String> refresh) {
        if (pending.isEmpty()) {
            return;
        }
        List<String> expired = new ArrayList<>();
        pending.forEach((guid, cell) -> {
            if (cell.until() - now < 0) {
                expired.add(guid);
            }
        });
        expired.forEach(guid -> {
            pending.remove(guid);
            refresh.accept(guid);
        });
    }

    /**
     * The records, each on its pending cell if it has one. An empty {@code pending} is
     * not asked for each record: that would touch every key in a large walk.
     */
    private static <T> List<T> withPendingCells(Map<String, T> records, Map<String, PendingCell> pending,
            BiFunction<T, String, T> withCell) {
        List<T> list = new ArrayList<>(records.size());
        records.forEach((key, record) -> list
            .add(withPendingCell(record, pending.isEmpty() ? null : pending.get(key), withCell)));
        return Collections.unmodifiableList(list);
    }

    private void change(ReceptorEvent event) {
        if (event instanceof DesiredLrpCreated created) {
            putDesired(created.desiredLrp());
        }
        else if (event instanceof DesiredLrpChanged changed) {
            putDesired(changed.after());
        }
        else if (event instanceof DesiredLrpRemoved removed) {
            desiredLrps.remove(removed.desiredLrp().processGuid());
            refreshProcess(removed.desiredLrp().processGuid());
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
            refreshTask(removed.task().taskGuid());
        }
    }

    /** An instance counts only while its desired LRP is known, which gives its needs. */
    private void putDesired(DesiredLrp desired) {
        desiredLrps.put(desired.processGuid(), desired);
        refreshProcess(desired.processGuid());
    }

    private void refreshProcess(String processGuid) {
        instancesByProcess.getOrDefault(processGuid, Set.of()).forEach(this::refreshInstance);
    }

    private void putInstance(ActualLrp instance) {
        index(instance);
        if (!awaitsItsPlacement(instance)) {
            pendingInstances.remove(instance.instanceGuid());
        }
        refreshInstance(instance.instanceGuid());
    }

    private void index(ActualLrp instance) {
        actualLrps.put(instance.instanceGuid(), instance);
        instancesByProcess.computeIfAbsent(instance.processGuid(), process -> new HashSet<>())
            .add(instance.instanceGuid());
    }

    private void removeInstance(String instanceGuid) {
        ActualLrp removed = actualLrps.remove(instanceGuid);
        pendingInstances.remove(instanceGuid);
        if (removed != null) {
            Set<String> siblings = instancesByProcess.get(removed.processGuid());
            siblings.remove(instanceGuid);
            if (siblings.isEmpty()) {
                instancesByProcess.remove(removed.processGuid());
            }
        }
        refreshInstance(instanceGuid);
    }

    private void putTask(Task task) {
        tasks.put(task.taskGuid(), task);
        if (!awaitsItsPlacement(task)) {
            pendingTasks.remove(task.taskGuid());
        }
        refreshTask(task.taskGuid());
    }

    /**
     * Files the instance anew as the auction sees it, on its pending cell if it has one:
     * waiting for a cell, holding one, or neither.
     */
    private void refreshInstance(String instanceGuid) {
        release(instanceHoldings, instanceGuid);
        unplacedInstances.remove(instanceGuid);
        ActualLrp instance = withPendingCell(actualLrps.get(instanceGuid), pendingInstances.get(instanceGuid),
                ModelRecords::withCell);
        DesiredLrp desired = instance == null ? null : desiredLrps.get(instance.processGuid());
        if (desired == null) {
            return;
        }
        if (ReceptorWork.needsPlacement(instance)) {
            unplacedInstances.put(instanceGuid, instance);
        }
        else if (ReceptorWork.holdsACell(instance)) {
            hold(instanceHoldings, instanceGuid,
                    new CellLedger.Holding(instance.cellId(), instance.processGuid(), ReceptorWork.needsOf(desired)));
        }
    }

    private void refreshTask(String taskGuid) {
        release(taskHoldings, taskGuid);
        unplacedTasks.remove(taskGuid);
        Task task = withPendingCell(tasks.get(taskGuid), pendingTasks.get(taskGuid), ModelRecords::withCell);
        if (task == null) {
            return;
        }
        if (ReceptorWork.needsPlacement(task)) {
            unplacedTasks.put(taskGuid, task);
        }
        else if (ReceptorWork.holdsACell(task)) {
            hold(taskHoldings, taskGuid,
                    new CellLedger.Holding(task.cellId(), ReceptorWork.taskProcess(task), ReceptorWork.needsOf(task)));
        }
    }

    private void hold(Map<String, CellLedger.Holding> holdings, String guid, CellLedger.Holding holding) {
        holdings.put(guid, holding);
        ledger.add(holding);
    }

    private void release(Map<String, CellLedger.Holding> holdings, String guid) {
        CellLedger.Holding held = holdings.remove(guid);
        if (held != null) {
            ledger.remove(held);
        }
    }

    /**
     * Whether the model has heard nothing of the record since it was placed: its event
     * (on a cell, or in another state) can arrive before the auction learns that its
     * batch was taken, and a pending cell set after that event would outlive it.
     */
    private static boolean awaitsItsPlacement(ActualLrp instance) {
        return instance != null && instance.cellId() == null && instance.state() == ActualLrpState.UNCLAIMED;
    }

    private static boolean awaitsItsPlacement(Task task) {
        return task != null && task.cellId() == null && task.state() == TaskState.PENDING;
    }

    private static <T> T withPendingCell(T record, PendingCell pending, BiFunction<T, String, T> withCell) {
        return record == null || pending == null ? record : withCell.apply(record, pending.cellId());
    }

}
