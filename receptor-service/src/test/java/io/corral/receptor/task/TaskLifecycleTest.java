package io.corral.receptor.task;

import static io.corral.receptor.api.TaskState.CLAIMED;
import static io.corral.receptor.api.TaskState.COMPLETED;
import static io.corral.receptor.api.TaskState.PENDING;
import static io.corral.receptor.api.TaskState.RESOLVING;
import static io.corral.receptor.api.TaskState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.receptor.common.IllegalTransitionException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TaskLifecycleTest {

    private final TaskStatus pending = TaskStatus.pending();

    private final TaskStatus claimed = TaskLifecycle.assign(pending, "cell-a");

    private final TaskStatus running = TaskLifecycle.start(claimed, "cell-a");

    @Test
    void goesFromPendingThroughClaimedAndRunningToCompleted() {
        assertThat(claimed).isEqualTo(new TaskStatus(CLAIMED, "cell-a", null, false, null, null));
        assertThat(running).isEqualTo(new TaskStatus(RUNNING, "cell-a", null, false, null, null));
        assertThat(TaskLifecycle.complete(running, "cell-a", false, "ignored when not failed", "42"))
            .isEqualTo(new TaskStatus(COMPLETED, "cell-a", null, false, null, "42"));
        assertThat(TaskLifecycle.complete(running, "cell-a", true, "exit status 1", null))
            .isEqualTo(new TaskStatus(COMPLETED, "cell-a", null, true, "exit status 1", null));
    }

    @Test
    void repeatedReportsOfTheSameCellChangeNothing() {
        assertThat(TaskLifecycle.assign(claimed, "cell-a")).isSameAs(claimed);
        assertThat(TaskLifecycle.start(running, "cell-a")).isSameAs(running);
        TaskStatus completed = TaskLifecycle.complete(running, "cell-a", false, null, "ok");
        assertThat(TaskLifecycle.complete(completed, "cell-a", false, null, "ok")).isSameAs(completed);
    }

    @Test
    void anotherCellCannotStartOrCompleteTheTask() {
        assertThatThrownBy(() -> TaskLifecycle.start(claimed, "cell-b")).isInstanceOf(IllegalTransitionException.class)
            .hasMessage("cannot start it on cell cell-b: the task is CLAIMED on cell cell-a");
        assertRefused(() -> TaskLifecycle.complete(running, "cell-b", false, null, null));
        assertRefused(() -> TaskLifecycle.assign(claimed, "cell-b"));
    }

    @Test
    void stepsOutOfOrderAreRefused() {
        assertRefused(() -> TaskLifecycle.start(pending, "cell-a"));
        assertRefused(() -> TaskLifecycle.complete(claimed, "cell-a", false, null, null));
        assertRefused(() -> TaskLifecycle.placementFailed(claimed, "no cell"));
        assertRefused(() -> TaskLifecycle.requireDeletable(running));
    }

    @Test
    void placementErrorKeepsTheTaskPendingAndAnAssignmentClearsIt() {
        TaskStatus unplaced = TaskLifecycle.placementFailed(pending, "found no compatible cell");
        assertThat(unplaced).isEqualTo(new TaskStatus(PENDING, null, "found no compatible cell", false, null, null));
        assertThat(TaskLifecycle.assign(unplaced, "cell-a").placementError()).isNull();
    }

    @Test
    void cancellingAnActiveTaskCompletesItAsFailed() {
        for (TaskStatus active : new TaskStatus[] { pending, claimed, running }) {
            TaskStatus cancelled = TaskLifecycle.cancel(active);
            assertThat(cancelled.state()).isEqualTo(COMPLETED);
            assertThat(cancelled.failed()).isTrue();
            assertThat(cancelled.failureReason()).isEqualTo("task was cancelled");
        }
        TaskStatus completed = TaskLifecycle.complete(running, "cell-a", false, null, null);
        assertRefused(() -> TaskLifecycle.cancel(completed));
    }

    @Test
    void callbackResolutionGoesThroughResolvingAndBackWhenItFails() {
        TaskStatus completed = TaskLifecycle.complete(running, "cell-a", false, null, "ok");
        TaskStatus resolving = TaskLifecycle.resolve(completed);
        assertThat(resolving.state()).isEqualTo(RESOLVING);
        assertThat(resolving.result()).isEqualTo("ok");
        assertRefused(() -> TaskLifecycle.requireDeletable(resolving));
        assertThat(TaskLifecycle.resolutionFailed(resolving)).isEqualTo(completed);
        assertRefused(() -> TaskLifecycle.resolve(resolving));
    }

    @Test
    void convergenceFailsTasksOfALostCellAndReplacesUnstartedOnes() {
        assertThat(TaskLifecycle.cellDisappeared(running))
            .isEqualTo(new TaskStatus(COMPLETED, "cell-a", null, true, "cell disappeared before completion", null));
        assertThat(TaskLifecycle.cellDisappeared(claimed).failed()).isTrue();
        assertThat(TaskLifecycle.unclaim(claimed)).isEqualTo(TaskStatus.pending());
        assertRefused(() -> TaskLifecycle.unclaim(running));
        assertRefused(() -> TaskLifecycle.cellDisappeared(pending));
    }

    private static void assertRefused(ThrowingCallable step) {
        assertThatThrownBy(step).isInstanceOf(IllegalTransitionException.class);
    }

}
