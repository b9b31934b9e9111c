package io.corral.cell.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.CellWork;
import io.corral.receptor.api.ModificationTag;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskState;
import io.corral.testsupport.ApiFixtures;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkPlanTest {

    private static final String CELL = "cell-a";

    @Test
    void startsWhatIsPlacedOnTheCellAndNotYetHeld() {
        ActualLrp unclaimed = instance("i-1", ActualLrpState.UNCLAIMED, false);
        ActualLrp claimed = instance("i-2", ActualLrpState.CLAIMED, false);

        List<WorkStep> steps = WorkPlan.plan(CELL, work(List.of(unclaimed, claimed), List.of()), Set.of(), Map.of());

        assertThat(steps).containsExactly(new WorkStep.StartInstance(unclaimed), new WorkStep.StartInstance(claimed));
    }

    @Test
    void leavesAloneWhatRunsAsTheReceptorBelieves() {
        ActualLrp running = instance("i-1", ActualLrpState.RUNNING, false);

        assertThat(WorkPlan.plan(CELL, work(List.of(running), List.of()), Set.of("i-1"), Map.of())).isEmpty();
    }

    @Test
    void stopsContainersTheWorkNoLongerNames() {
        ActualLrp running = instance("i-1", ActualLrpState.RUNNING, false);

        List<WorkStep> steps = WorkPlan.plan(CELL, work(List.of(running), List.of()), Set.of("i-1", "i-gone", "t-gone"),
                Map.of());

        assertThat(steps).containsExactly(new WorkStep.Stop("i-gone"), new WorkStep.Stop("t-gone"));
    }

    @Test
    void reportsAnInstanceTheReceptorBelievesRunningButNoContainerHolds() {
        ActualLrp running = instance("i-1", ActualLrpState.RUNNING, false);

        assertThat(WorkPlan.plan(CELL, work(List.of(running), List.of()), Set.of(), Map.of()))
            .containsExactly(new WorkStep.ReportLost(running));
    }

    @Test
    void leavesAnEvacuatingInstanceItNoLongerRunsToTheReceptor() {
        ActualLrp evacuating = instance("i-1", ActualLrpState.RUNNING, true);

        assertThat(WorkPlan.plan(CELL, work(List.of(evacuating), List.of()), Set.of(), Map.of())).isEmpty();
    }

    @Test
    void reportsASuspectInstanceItNoLongerRunsSoItsReplacementStandsIn() {
        ActualLrp suspect = new ActualLrp("web", "i-1", CELL, "cf-apps", 0, "10.0.0.1", List.of(),
                ActualLrpState.RUNNING, null, 0, 0, null, false, ActualLrpPresence.SUSPECT, new ModificationTag("e", 2),
                false);

        assertThat(WorkPlan.plan(CELL, work(List.of(suspect), List.of()), Set.of(), Map.of()))
            .containsExactly(new WorkStep.ReportLost(suspect));
        assertThat(WorkPlan.plan(CELL, work(List.of(suspect), List.of()), Set.of("i-1"), Map.of()))
            .as("one it still runs is left as it is")
            .isEmpty();
    }

    @Test
    void repeatsARunningReportTheReceptorMissed() {
        ActualLrp claimed = instance("i-1", ActualLrpState.CLAIMED, false);
        List<PortMapping> ports = List.of(new PortMapping(8080, 61001));

        assertThat(WorkPlan.plan(CELL, work(List.of(claimed), List.of()), Set.of("i-1"), Map.of("i-1", ports)))
            .containsExactly(new WorkStep.ReportRunning(claimed, ports));
        assertThat(WorkPlan.plan(CELL, work(List.of(claimed), List.of()), Set.of("i-1"), Map.of())).isEmpty();
    }

    @Test
    void startsNewTasksAndFailsOnesItLost() {
        Task pending = task("t-1", TaskState.PENDING);
        Task lost = task("t-2", TaskState.RUNNING);
        Task held = task("t-3", TaskState.RUNNING);

        List<WorkStep> steps = WorkPlan.plan(CELL, work(List.of(), List.of(pending, lost, held)), Set.of("t-3"),
                Map.of());

        assertThat(steps).containsExactly(new WorkStep.StartTask(pending), new WorkStep.FailLostTask(lost));
    }

    @Test
    void ignoresWorkOfOtherCells() {
        ActualLrp elsewhere = new ActualLrp("web", "i-9", "cell-b", "cf-apps", 0, null, List.of(),
                ActualLrpState.UNCLAIMED, null, 0, 0, null, false, new ModificationTag("e", 1));

        assertThat(WorkPlan.plan(CELL, work(List.of(elsewhere), List.of()), Set.of(), Map.of())).isEmpty();
    }

    private static ActualLrp instance(String guid, ActualLrpState state, boolean evacuating) {
        return new ActualLrp("web", guid, CELL, "cf-apps", 0, null, List.of(), state, null, 0, 0, null, evacuating,
                new ModificationTag("e", 1));
    }

    private static Task task(String guid, TaskState state) {
        Task task = ApiFixtures.task(guid, null);
        return new Task(task.taskGuid(), task.domain(), task.rootfs(), task.action(), task.env(), task.cpuWeight(),
                task.diskMb(), task.memoryMb(), task.privileged(), task.logGuid(), task.logSource(), task.metricsGuid(),
                task.resultFile(), null, null, List.of(), List.of(), null, null, state, CELL, null, null, null, null,
                null, null);
    }

    private static CellWork work(List<ActualLrp> instances, List<Task> tasks) {
        return new CellWork(1, instances, tasks);
    }

}
