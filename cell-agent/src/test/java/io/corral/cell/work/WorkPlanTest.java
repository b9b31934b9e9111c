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

        List<WorkStep> steps = WorkPlan.plan(CELL, work(List.of(unclaimed, claimed), List.of()), Set.of(), Map.of(),
                false);

        assertThat(steps).containsExactly(new WorkStep.StartInstance(unclaimed), new WorkStep.StartInstance(claimed));
    }

    @Test
    void leavesAloneWhatRunsAsTheReceptorBelieves() {
        ActualLrp running = instance("i-1", ActualLrpState.RUNNING, false);

        assertThat(WorkPlan.plan(CELL, work(List.of(running), List.of()), Set.of("i-1"), Map.of(), false)).isEmpty();
    }

    @Test
    void stopsContainersTheWorkNoLongerNames() {
        ActualLrp running = instance("i-1", ActualLrpState.RUNNING, false);

        List<WorkStep> steps = WorkPlan.plan(CELL, work(List.of(running), List.of()), Set.of("i-1", "i-gone", "t-gone"),
                Map.of(), false);

        assertThat(steps).containsExactly(new WorkStep.Stop("i-gone"), new WorkStep.Stop("t-gone"));
    }

    @Test
    void reportsAnInstanceTheReceptorBelievesRunningButNoContainerHolds() {
        ActualLrp running = instance("i-1", ActualLrpState.RUNNING, false);

        assertThat(WorkPlan.plan(CELL, work(List.of(running), List.of()), Set.of(), Map.of(), false))
            .containsExactly(new WorkStep.ReportLost(running));
    }

    @Test
    void leavesAnEvacuatingInstanceItNoLongerRunsToTheReceptor() {
        ActualLrp evacuating = instance("i-1", ActualLrpState.RUNNING, true);

        assertThat(WorkPlan.plan(CELL, work(List.of(evacuating), List.of()), Set.of(), Map.of(), false)).isEmpty();
    }

    @Test
    void reportsASuspectInstanceItNoLongerRunsSoItsReplacementStandsIn() {
        ActualLrp suspect = new ActualLrp("web", "i-1", CELL, "cf-apps", 0, "10.0.0.1", List.of(),
                ActualLrpState.RUNNING, null, 0, 0, null, false, ActualLrpPresence.SUSPECT, new ModificationTag("e", 2),
                false);

        assertThat(WorkPlan.plan(CELL, work(List.of(suspect), List.of()), Set.of(), Map.of(), false))
            .containsExactly(new WorkStep.ReportLost(suspect));
        assertThat(WorkPlan.plan(CELL, work(List.of(suspect), List.of()), Set.of("i-1"), Map.of(), false))
            .as("one it still runs is left as it is")
            .isEmpty();
    }

    @Test
    void repeatsARunningReportTheReceptorMissed() {
        ActualLrp claimed = instance("i-1", ActualLrpState.CLAIMED, false);
        List<PortMapping> ports = List.of(new PortMapping(8080, 61001));

        assertThat(WorkPlan.plan(CELL, work(List.of(claimed), List.of()), Set.of("i-1"), Map.of("i-1", ports), false))
            .containsExactly(new WorkStep.ReportRunning(claimed, ports));
        assertThat(WorkPlan.plan(CELL, work(List.of(claimed), List.of()), Set.of("i-1"), Map.of(), false)).isEmpty();
    }

    @Test
    void startsNewTasksAndFailsOnesItLost() {
        Task pending = task("t-1", TaskState.PENDING);
        Task lost = task("t-2", TaskState.RUNNING);
        Task held = task("t-3", TaskState.RUNNING);

        List<WorkStep> steps = WorkPlan.plan(CELL, work(List.of(), List.of(pending, lost, held)), Set.of("t-3"),
                Map.of(), false);

        assertThat(steps).containsExactly(new WorkStep.StartTask(pending), new WorkStep.FailLostTask(lost));
    }

    @Test
    void ignoresWorkOfOtherCells() {
        ActualLrp elsewhere = new ActualLrp("web", "i-9", "cell-b", "cf-apps", 0, null, List.of(),
                ActualLrpState.UNCLAIMED, null, 0, 0, null, false, new ModificationTag("e", 1));

        assertThat(WorkPlan.plan(CELL, work(List.of(elsewhere), List.of()), Set.of(), Map.of(), false)).isEmpty();
    }

    @Test
    void anEvacuatingCellStartsNothingAndAsksForTheEvacuationAgainForWhatCameMeanwhile() {
        ActualLrp placed = instance("i-1", ActualLrpState.UNCLAIMED, false);
        Task claimed = task("t-1", TaskState.CLAIMED);

        assertThat(WorkPlan.plan(CELL, work(List.of(placed), List.of()), Set.of(), Map.of(), true))
            .containsExactly(new WorkStep.Evacuate(CELL));
        assertThat(WorkPlan.plan(CELL, work(List.of(), List.of(claimed)), Set.of(), Map.of(), true))
            .containsExactly(new WorkStep.Evacuate(CELL));
    }

    @Test
    void anEvacuatingCellAsksOnceForEverythingThatWouldStayWithoutEvacuation() {
        ActualLrp running = instance("i-1", ActualLrpState.RUNNING, false);
        ActualLrp starting = instance("i-2", ActualLrpState.CLAIMED, false);
        List<PortMapping> ports = List.of(new PortMapping(8080, 61001));

        List<WorkStep> steps = WorkPlan.plan(CELL, work(List.of(running, starting), List.of()),
                Set.of("i-1", "i-2", "i-gone"), Map.of("i-1", ports, "i-2", ports), true);

        assertThat(steps).containsExactly(new WorkStep.Evacuate(CELL), new WorkStep.Stop("i-gone"));
    }

    @Test
    void anEvacuatingCellKeepsItsEvacueesAndStopsEachOnceTheWorkNoLongerListsIt() {
        ActualLrp evacuee = instance("i-1", ActualLrpState.RUNNING, true);
        ActualLrp replaced = instance("i-2", ActualLrpState.RUNNING, true);
        Task running = task("t-1", TaskState.RUNNING);

        List<WorkStep> steps = WorkPlan.plan(CELL, work(List.of(evacuee), List.of(running)),
                Set.of("i-1", "i-2", "t-1"), Map.of(), true);

        assertThat(steps).containsExactly(new WorkStep.Stop(replaced.instanceGuid()));
    }

    @Test
    void anEvacuatingCellLeavesASuspectItRunsToItsReplacement() {
        ActualLrp suspect = new ActualLrp("web", "i-1", CELL, "cf-apps", 0, "10.0.0.1", List.of(),
                ActualLrpState.RUNNING, null, 0, 0, null, false, ActualLrpPresence.SUSPECT, new ModificationTag("e", 2),
                false);

        assertThat(WorkPlan.plan(CELL, work(List.of(suspect), List.of()), Set.of("i-1"), Map.of(), true)).isEmpty();
    }

    @Test
    void anEvacuatingCellStillReportsWhatItLost() {
        ActualLrp lost = instance("i-1", ActualLrpState.RUNNING, false);
        ActualLrp evacueeGone = instance("i-2", ActualLrpState.RUNNING, true);
        Task lostTask = task("t-1", TaskState.RUNNING);

        assertThat(WorkPlan.plan(CELL, work(List.of(lost, evacueeGone), List.of(lostTask)), Set.of(), Map.of(), true))
            .containsExactly(new WorkStep.ReportLost(lost), new WorkStep.FailLostTask(lostTask));
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
