package io.corral.receptor.task;

import static io.corral.receptor.api.TaskState.CLAIMED;
import static io.corral.receptor.api.TaskState.COMPLETED;
import static io.corral.receptor.api.TaskState.PENDING;
import static io.corral.receptor.api.TaskState.RESOLVING;
import static io.corral.receptor.api.TaskState.RUNNING;

import io.corral.receptor.api.TaskState;
import io.corral.receptor.common.IllegalTransitionException;
import java.util.Set;

/**
 * The task state machine: PENDING -> CLAIMED (placed on a cell) -> RUNNING -> COMPLETED,
 * then RESOLVING while its completion callback is delivered. Each step takes the task's
 * status and returns the next one, or throws {@link IllegalTransitionException}; a step
 * repeated by a retrying caller returns the status unchanged.
 */
public final class TaskLifecycle {

    static final String CANCELLED = "task was cancelled";
    static final String CELL_DISAPPEARED = "cell disappeared before completion";

    private static final Set<TaskState> ACTIVE = Set.of(PENDING, CLAIMED, RUNNING);

    private TaskLifecycle() {
    }

    /**
     * The placement service picked {@code cellId}: the task is claimed there and waits to
     * start.
     */
    public static TaskStatus assign(TaskStatus s, String cellId) {
        if (s.state() == CLAIMED && cellId.equals(s.cellId())) {
            return s;
        }
        require(s.state() == PENDING, s, "assign it to cell " + cellId);
        return new TaskStatus(CLAIMED, cellId, null, false, null, null);
    }

    /** No cell fits: the task stays PENDING with the reason, to be placed again later. */
    public static TaskStatus placementFailed(TaskStatus s, String placementError) {
        require(s.state() == PENDING, s, "record a placement error");
        return new TaskStatus(PENDING, null, placementError, false, null, null);
    }

    public static TaskStatus start(TaskStatus s, String cellId) {
        if (s.state() == RUNNING && cellId.equals(s.cellId())) {
            return s;
        }
        require(s.state() == CLAIMED && cellId.equals(s.cellId()), s, "start it on cell " + cellId);
        return new TaskStatus(RUNNING, cellId, null, false, null, null);
    }

    public static TaskStatus complete(TaskStatus s, String cellId, boolean failed, String failureReason,
            String result) {
        TaskStatus completed = new TaskStatus(COMPLETED, cellId, null, failed, failed ? failureReason : null, result);
        if (completed.equals(s)) {
            return s;
        }
        require(s.state() == RUNNING && cellId.equals(s.cellId()), s, "complete it from cell " + cellId);
        return completed;
    }

    /**
     * The Cloud Controller gave up on the task: it completes as failed wherever it was.
     */
    public static TaskStatus cancel(TaskStatus s) {
        require(ACTIVE.contains(s.state()), s, "cancel it");
        return failed(s, CANCELLED);
    }

    /** Convergence: the task's cell is gone, so the task cannot complete. */
    public static TaskStatus cellDisappeared(TaskStatus s) {
        require(s.state() == CLAIMED || s.state() == RUNNING, s, "fail it for a lost cell");
        return failed(s, CELL_DISAPPEARED);
    }

    /** Convergence: the cell never started the task, so it is placed again. */
    public static TaskStatus unclaim(TaskStatus s) {
        require(s.state() == CLAIMED, s, "return it to be placed again");
        return TaskStatus.pending();
    }

    /** The completion callback is being delivered. */
    public static TaskStatus resolve(TaskStatus s) {
        require(s.state() == COMPLETED, s, "resolve it");
        return withState(s, RESOLVING);
    }

    /**
     * The callback was never acknowledged: the task waits, COMPLETED, for the Cloud
     * Controller to delete it.
     */
    public static TaskStatus resolutionFailed(TaskStatus s) {
        require(s.state() == RESOLVING, s, "return it to COMPLETED");
        return withState(s, COMPLETED);
    }

    public static void requireDeletable(TaskStatus s) {
        require(s.state() == COMPLETED, s, "delete it before it is COMPLETED");
    }

    private static TaskStatus failed(TaskStatus s, String reason) {
        return new TaskStatus(COMPLETED, s.cellId(), null, true, reason, null);
    }

    private static TaskStatus withState(TaskStatus s, TaskState state) {
        return new TaskStatus(state, s.cellId(), s.placementError(), s.failed(), s.failureReason(), s.result());
    }

    private static void require(boolean allowed, TaskStatus s, String what) {
        if (!allowed) {
            String where = s.cellId() == null ? "no cell" : "cell " + s.cellId();
            throw new IllegalTransitionException("cannot " + what + ": the task is " + s.state() + " on " + where);
        }
    }

}
