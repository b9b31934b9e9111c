package io.corral.receptor.task;

import static io.corral.receptor.api.TaskState.CLAIMED;
import static io.corral.receptor.api.TaskState.COMPLETED;
import static io.corral.receptor.api.TaskState.PENDING;
import static io.corral.receptor.api.TaskState.RESOLVING;
import static io.corral.receptor.api.TaskState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.receptor.lrp.IllegalTransitionException;
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
        assertThatThrownBy(() -> TaskLifecycle.start(claimed, "cell-b"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("cannot start it on cell cell-b: the task is CLAIMED on cell cell-a");
        assertThatThrownBy(() -> TaskLifecycle.complete(running, "cell-b", false, null, null))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> TaskLifecycle.assign(claimed, "cell-b")).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void stepsOutOfOrderAreRefused() {
        assertThatThrownBy(() -> TaskLifecycle.start(pending, "cell-a")).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> TaskLifecycle.complete(claimed, "cell-a", false, null, null))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> TaskLifecycle.placementFailed(claimed, "no cell")).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> TaskLifecycle.requireDeletable(running)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void placementErrorKeepsTheTaskPendingAndAnAssignmentClearsIt() {
        TaskStatus unplaced = TaskLifecycle.placementFailed(pending, "found no compatible cell");
        assertThat(unplaced).isEqualTo(new TaskStatus(PENDING, null, "found no compatible cell", false, null, null));
        assertThat(TaskLifecycle.assign(unplaced, "cell-a").placementError()).isNull();
    }

    @Test
    void cancellingAnActiveTaskCompletesItAsFailed() {
        for (TaskStatus active : new TaskStatus[] {pending, claimed, running}) {
            TaskStatus cancelled = TaskLifecycle.cancel(active);
            assertThat(cancelled.state()).isEqualTo(COMPLETED);
            assertThat(cancelled.failed()).isTrue();
            assertThat(cancelled.failureReason()).isEqualTo("task was cancelled");
        }
        TaskStatus completed = TaskLifecycle.complete(running, "cell-a", false, null, null);
        assertThatThrownBy(() -> TaskLifecycle.cancel(completed)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void callbackResolutionGoesThroughResolvingAndBackWhenItFails() {
        TaskStatus completed = TaskLifecycle.complete(running, "cell-a", false, null, "ok");
        TaskStatus resolving = TaskLifecycle.resolve(completed);
        assertThat(resolving.state()).isEqualTo(RESOLVING);
        assertThat(resolving.result()).isEqualTo("ok");
        assertThatThrownBy(() -> TaskLifecycle.requireDeletable(resolving)).isInstanceOf(IllegalTransitionException.class);
        assertThat(TaskLifecycle.resolutionFailed(resolving)).isEqualTo(completed);
        assertThatThrownBy(() -> TaskLifecycle.resolve(resolving)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void convergenceFailsTasksOfALostCellAndReplacesUnstartedOnes() {
        assertThat(TaskLifecycle.cellDisappeared(running))
                .isEqualTo(new TaskStatus(COMPLETED, "cell-a", null, true, "cell disappeared before completion", null));
        assertThat(TaskLifecycle.cellDisappeared(claimed).failed()).isTrue();
        assertThat(TaskLifecycle.unclaim(claimed)).isEqualTo(TaskStatus.pending());
        assertThatThrownBy(() -> TaskLifecycle.unclaim(running)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> TaskLifecycle.cellDisappeared(pending)).isInstanceOf(IllegalTransitionException.class);
    }
}
