package io.corral.cell.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellCapacity;
import io.corral.receptor.api.CellWork;
import io.corral.receptor.api.ModificationTag;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskState;
import io.corral.testsupport.ApiFixtures;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvacuationTest {

    private static final String CELL = "cell-a";

    @Test
    void aCellEvacuatesOnlyWhenAnotherCellTakesWork() {
        assertThat(Evacuation.hasSomewhereToGo(CELL, List.of(cell(CELL, false)))).isFalse();
        assertThat(Evacuation.hasSomewhereToGo(CELL, List.of(cell(CELL, true), cell("cell-b", true)))).isFalse();
        assertThat(Evacuation.hasSomewhereToGo(CELL, List.of(cell(CELL, true), cell("cell-b", false)))).isTrue();
        assertThat(Evacuation.hasSomewhereToGo(CELL, List.of())).isFalse();
    }

    @Test
    void whenTheTimeoutPassesWhatStillRunsStopsAndIsReported() {
        ActualLrp evacuee = instance("i-1", true);
        ActualLrp notEvacuated = instance("i-2", false);
        ActualLrp alreadyStopped = instance("i-3", true);
        Task task = task("t-1");

        List<WorkStep> steps = Evacuation.giveUp(CELL,
                new CellWork(7, List.of(evacuee, notEvacuated, alreadyStopped), List.of(task)),
                Set.of("i-1", "i-2", "t-1", "i-unlisted"));

        assertThat(steps).containsExactly(new WorkStep.GiveUpInstance(evacuee),
                new WorkStep.GiveUpInstance(notEvacuated), new WorkStep.GiveUpTask(task),
                new WorkStep.Stop("i-unlisted"));
    }

    @Test
    void anotherCellsWorkIsNeverReported() {
        ActualLrp elsewhere = new ActualLrp("web", "i-1", "cell-b", "cf-apps", 0, null, List.of(),
                ActualLrpState.RUNNING, null, 0, 0, null, true, new ModificationTag("e", 1));

        assertThat(Evacuation.giveUp(CELL, new CellWork(7, List.of(elsewhere), List.of()), Set.of("i-1")))
            .containsExactly(new WorkStep.Stop("i-1"));
    }

    private static Cell cell(String cellId, boolean evacuating) {
        return new Cell(cellId, "z1", "http://" + cellId + ":8893", new CellCapacity(1024, 1024, 10), List.of(),
                List.of(), List.of("preloaded:cflinuxfs4"), 30, null, evacuating);
    }

    private static ActualLrp instance(String guid, boolean evacuating) {
        return new ActualLrp("web", guid, CELL, "cf-apps", 0, "127.0.0.1", List.of(), ActualLrpState.RUNNING, null, 0,
                0, null, evacuating, new ModificationTag("e", 1));
    }

    private static Task task(String guid) {
        Task task = ApiFixtures.task(guid, null);
        return new Task(task.taskGuid(), task.domain(), task.rootfs(), task.action(), task.env(), task.cpuWeight(),
                task.diskMb(), task.memoryMb(), task.privileged(), task.logGuid(), task.logSource(), task.metricsGuid(),
                task.resultFile(), null, null, List.of(), List.of(), null, null, TaskState.RUNNING, CELL, null, null,
                null, null, null, null);
    }

}
