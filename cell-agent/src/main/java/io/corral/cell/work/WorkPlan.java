package io.corral.cell.work;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.CellWork;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a cell's work, as the receptor last listed it, with the containers the cell
 * holds, and says what to do: start what is new, stop what went away, and report what the
 * receptor believes runs here but does not. Every answer to the work poll and every
 * periodic re-read goes through it, so a lost message heals at the next one.
 */
public final class WorkPlan {

    private WorkPlan() {
    }

    /**
     * @param held the containers the cell holds
     * @param running the ports of the held instances that passed their health check
     */
    public static List<WorkStep> plan(String cellId, CellWork work, Set<String> held,
            Map<String, List<PortMapping>> running) {
        List<WorkStep> steps = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (ActualLrp instance : work.actualLrps()) {
            if (!cellId.equals(instance.cellId())) {
                continue;
            }
            named.add(instance.instanceGuid());
            if (!held.contains(instance.instanceGuid())) {
                instanceStep(instance).ifPresent(steps::add);
            }
            else if (instance.state() == ActualLrpState.CLAIMED && running.containsKey(instance.instanceGuid())) {
                steps.add(new WorkStep.ReportRunning(instance, running.get(instance.instanceGuid())));
            }
        }
        for (Task task : work.tasks()) {
            if (!cellId.equals(task.cellId())) {
                continue;
            }
            named.add(task.taskGuid());
            if (!held.contains(task.taskGuid())) {
                taskStep(task).ifPresent(steps::add);
            }
        }
        held.stream().filter(id -> !named.contains(id)).sorted().map(WorkStep.Stop::new).forEach(steps::add);
        return steps;
    }

    /**
     * An evacuating instance that does not run here is left to the receptor: its
     * replacement stands in for it.
     */
    private static Optional<WorkStep> instanceStep(ActualLrp instance) {
        if (instance.state() == ActualLrpState.UNCLAIMED || instance.state() == ActualLrpState.CLAIMED) {
            return Optional.of(new WorkStep.StartInstance(instance));
        }
        if (instance.state() == ActualLrpState.RUNNING && !instance.evacuating()) {
            return Optional.of(new WorkStep.ReportLost(instance));
        }
        return Optional.empty();
    }

    private static Optional<WorkStep> taskStep(Task task) {
        if (task.state() == TaskState.PENDING || task.state() == TaskState.CLAIMED) {
            return Optional.of(new WorkStep.StartTask(task));
        }
        if (task.state() == TaskState.RUNNING) {
            return Optional.of(new WorkStep.FailLostTask(task));
        }
        return Optional.empty();
    }

}
