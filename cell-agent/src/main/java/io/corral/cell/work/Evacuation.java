package io.corral.cell.work;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellWork;
import io.corral.receptor.api.Task;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a cell decides as it evacuates on shutdown: whether evacuating can move anything,
 * and what becomes of the containers it still holds when the evacuation's time is up.
 * While it waits, {@link WorkPlan} plans its work as an evacuating cell's.
 */
public final class Evacuation {

    private Evacuation() {
    }

    /**
     * Whether another cell might take the cell's instances: one present that is not
     * evacuating itself. With none, waiting would only delay the stop until the timeout.
     */
    public static boolean hasSomewhereToGo(String cellId, List<Cell> presentCells) {
        return presentCells.stream().anyMatch(cell -> !cell.cellId().equals(cellId) && !cell.evacuating());
    }

    /**
     * The timeout passed with {@code held} still running: every container stops. An
     * instance the work lists is reported removed (its replacement, placed or not, stands
     * in for it, and its routes go now rather than when the cell's heartbeat expires); a
     * task is reported failed; a container the work does not name just stops.
     */
    public static List<WorkStep> giveUp(String cellId, CellWork work, Set<String> held) {
        List<WorkStep> steps = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (ActualLrp instance : work.actualLrps()) {
            if (cellId.equals(instance.cellId()) && held.contains(instance.instanceGuid())) {
                named.add(instance.instanceGuid());
                steps.add(new WorkStep.GiveUpInstance(instance));
            }
        }
        for (Task task : work.tasks()) {
            if (cellId.equals(task.cellId()) && held.contains(task.taskGuid())) {
                named.add(task.taskGuid());
                steps.add(new WorkStep.GiveUpTask(task));
            }
        }
        held.stream().filter(id -> !named.contains(id)).sorted().map(WorkStep.Stop::new).forEach(steps::add);
        return steps;
    }

}
