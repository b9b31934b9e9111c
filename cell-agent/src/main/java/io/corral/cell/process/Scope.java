package io.corral.cell.process;

import io.corral.cell.process.ProcessStarter.StartedProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes of one branch of an action tree, and of the branches below it, so that a
 * timeout, a codependent sibling's exit or a stop ends exactly that branch: SIGTERM to
 * each process group, SIGKILL to those still alive after the grace period.
 */
final class Scope {

    private static final Duration POLL = Duration.ofMillis(20);

    private final Duration grace;

    private final List<StartedProcess> processes = new ArrayList<>();

    private final List<Scope> children = new ArrayList<>();

    private boolean cancelled;

    Scope(Duration grace) {
        this.grace = grace;
    }

    synchronized Scope child() {
        Scope child = new Scope(grace);
        if (cancelled) {
            child.cancelled = true;
        }
        children.add(child);
        return child;
    }

    synchronized boolean cancelled() {
        return cancelled;
    }

    /**
     * Takes a process into the scope; one started after the scope was cancelled is killed
     * at once.
     */
    void add(StartedProcess process) {
        boolean late;
        synchronized (this) {
            late = cancelled;
            if (!late) {
                processes.add(process);
            }
        }
        if (late) {
            process.kill();
        }
    }

    /** Ends every process of the scope and its children; returns once they are gone. */
    void cancel() {
        List<StartedProcess> all = new ArrayList<>();
        collect(all);
        all.forEach(StartedProcess::terminate);
        long deadline = System.nanoTime() + grace.toNanos();
        while (all.stream().anyMatch(StartedProcess::isAlive) && System.nanoTime() < deadline) {
            sleep();
        }
        // The leader may be gone while others of its group live on: every group gets
        // SIGKILL.
        all.forEach(StartedProcess::kill);
    }

    private synchronized void collect(List<StartedProcess> all) {
        cancelled = true;
        all.addAll(processes);
        children.forEach(child -> child.collect(all));
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
