package io.corral.routes.table;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The last changes of the route table, numbered: a reader that knows the table as of
 * version {@code v} catches up with the changes after {@code v}, as long as they are
 * still kept. Thread-safe; readers may wait for the next change.
 */
public final class RouteChangeLog {

    /** One change of the table, and the table's version after it. */
    public record Change(long version, RouteDiff diff) {
    }

    private final int capacity;

    private final Deque<Change> changes = new ArrayDeque<>();

    private long version;

    private int routes;

    public RouteChangeLog(int capacity) {
        this.capacity = capacity;
    }

    public synchronized long version() {
        return version;
    }

    public synchronized void append(RouteDiff diff) {
        if (diff.isEmpty()) {
            return;
        }
        version++;
        changes.addLast(new Change(version, diff));
        routes += diff.size();
        while (routes > capacity) {
            routes -= changes.removeFirst().diff().size();
        }
        notifyAll();
    }

    /**
     * The changes after {@code known}, in order; empty when some of them are no longer
     * kept (or {@code known} is from the future), so the reader needs a new snapshot.
     */
    public synchronized Optional<List<Change>> after(long known) {
        if (known > version) {
            return Optional.empty();
        }
        if (known == version) {
            return Optional.of(List.of());
        }
        Change oldest = changes.peekFirst();
        if (oldest == null || oldest.version() > known + 1) {
            return Optional.empty();
        }
        List<Change> after = new ArrayList<>();
        for (Change change : changes) {
            if (change.version() > known) {
                after.add(change);
            }
        }
        return Optional.of(after);
    }

    /** Waits up to {@code millis} for a version after {@code known}. */
    public synchronized void awaitAfter(long known, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        long left = millis;
        while (version <= known && left > 0) {
            wait(left);
            left = (deadline - System.nanoTime()) / 1_000_000;
        }
    }

}
