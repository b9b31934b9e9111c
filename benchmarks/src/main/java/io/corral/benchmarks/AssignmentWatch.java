package io.corral.benchmarks;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpRemoved;
import io.corral.receptor.client.ReceptorEventFollower;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Which instances have a cell, as the receptor's event stream ({@code GET /v1/events})
 * tells it, and when the benchmark heard that each got one ({@link System#nanoTime()}).
 * On the first connect and after {@code events_lost} it reads every instance instead.
 * Only current instances count, not ones being replaced.
 */
final class AssignmentWatch implements ReceptorEventFollower.Listener {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /**
     * How often a wait for many instances looks again; the times come from the events, so
     * this only delays the next step, and saves a wake-up per instance.
     */
    private static final long LOOK_EVERY_MS = 100;

    /** One index of one desired LRP. */
    private record Index(String processGuid, int index) {
    }

    private final Consumer<Consumer<ActualLrp>> readAll;

    private final Map<Index, String> cellOf = new HashMap<>();

    private final Map<Index, String> placementErrorOf = new HashMap<>();

    private final Map<Index, Long> firstAssignedAt = new HashMap<>();

    private long lastAssignedAt;

    private int resyncs;

    /** Whether a waiter wants to hear of every assignment at once. */
    private boolean wakeOnAssignment;

    /**
     * @param readAll reads every instance of the receptor, handing each to its argument
     */
    AssignmentWatch(Consumer<Consumer<ActualLrp>> readAll) {
        this.readAll = readAll;
    }

    @Override
    public synchronized void onResync() {
        cellOf.clear();
        placementErrorOf.clear();
        long now = System.nanoTime();
        readAll.accept(instance -> seen(instance, now));
        resyncs++;
        notifyAll();
    }

    @Override
    public synchronized void onEvent(ReceptorEvent event) {
        long now = System.nanoTime();
        if (event instanceof ActualLrpCreated created) {
            seen(created.actualLrp(), now);
        }
        else if (event instanceof ActualLrpChanged changed) {
            seen(changed.after(), now);
        }
        else if (event instanceof ActualLrpRemoved removed && current(removed.actualLrp())) {
            Index index = indexOf(removed.actualLrp());
            cellOf.remove(index);
            placementErrorOf.remove(index);
        }
    }

    private void seen(ActualLrp instance, long now) {
        if (!current(instance)) {
            return;
        }
        Index index = indexOf(instance);
        if (instance.cellId() == null) {
            cellOf.remove(index);
            if (instance.placementError() != null) {
                placementErrorOf.put(index, instance.placementError());
            }
            else {
                placementErrorOf.remove(index);
            }
            return;
        }
        placementErrorOf.remove(index);
        if (cellOf.put(index, instance.cellId()) == null) {
            firstAssignedAt.putIfAbsent(index, now);
            lastAssignedAt = now;
            if (wakeOnAssignment) {
                notifyAll();
            }
        }
    }

    private static boolean current(ActualLrp instance) {
        return instance.presence() == ActualLrpPresence.ORDINARY;
    }

    private static Index indexOf(ActualLrp instance) {
        return new Index(instance.processGuid(), instance.index());
    }

    /** Waits for the stream's first connect (and its read of every instance). */
    synchronized void awaitFollowing(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (resyncs == 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("the receptor's event stream did not connect within " + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /**
     * Waits until {@code count} instances have a cell, printing progress; false once none
     * got one for {@code stall}.
     */
    synchronized boolean awaitAssigned(int count, Duration stall) throws InterruptedException {
        long waitingSince = System.nanoTime();
        long nextProgress = waitingSince + PROGRESS_EVERY.toNanos();
        while (cellOf.size() < count) {
            long now = System.nanoTime();
            long lastProgress = Math.max(waitingSince, lastAssignedAt);
            if (now - lastProgress > stall.toNanos()) {
                return false;
            }
            if (now - nextProgress >= 0) {
                PlacementBenchmark.progress("end to end: %,d of %,d instances on a cell, %,d with a placement error",
                        cellOf.size(), count, placementErrorOf.size());
                nextProgress = now + PROGRESS_EVERY.toNanos();
            }
            wait(LOOK_EVERY_MS);
        }
        return true;
    }

    /**
     * Waits until no instance has a cell; false if that took longer than {@code timeout}.
     */
    synchronized boolean awaitNoneAssigned(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cellOf.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.min(LOOK_EVERY_MS, Math.max(1, left / 1_000_000)));
        }
        return true;
    }

    /**
     * When the last of the process's {@code instances} got a cell, waiting up to
     * {@code timeout}; empty if they did not all get one.
     */
    synchronized OptionalLong awaitProcess(String processGuid, int instances, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        wakeOnAssignment = true;
        try {
            return awaitProcess(processGuid, instances, deadline);
        }
        finally {
            wakeOnAssignment = false;
        }
    }

    private OptionalLong awaitProcess(String processGuid, int instances, long deadline) throws InterruptedException {
        while (true) {
            long last = Long.MIN_VALUE;
            boolean all = true;
            for (int i = 0; i < instances && all; i++) {
                Index index = new Index(processGuid, i);
                all = cellOf.containsKey(index);
                last = all ? Math.max(last, firstAssignedAt.get(index)) : last;
            }
            if (all) {
                return OptionalLong.of(last);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return OptionalLong.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized int assigned() {
        return cellOf.size();
    }

    /** When the benchmark last heard of an instance getting a cell. */
    synchronized long lastAssignedAt() {
        return lastAssignedAt;
    }

    /** Instances without a cell whose placement failed, by reason. */
    synchronized Map<String, Long> placementErrors() {
        Map<String, Long> byReason = new TreeMap<>();
        placementErrorOf.values().forEach(reason -> byReason.merge(reason, 1L, Long::sum));
        return byReason;
    }

    /** Reads of every instance: the first connect's, and one per {@code events_lost}. */
    synchronized int resyncs() {
        return resyncs;
    }

}
