package io.corral.cell.work;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
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
 *
 * <p>
 * An evacuating cell starts nothing. What the receptor would still have it start or keep
 * (an instance placed on it or claimed, a RUNNING ordinary instance, a task it claimed)
 * comes from a change that raced the cell's evacuation: one {@link WorkStep.Evacuate}
 * step asks for the evacuation again, which covers them all.
 */
public final class WorkPlan {

    private WorkPlan() {
    }

    /**
     * @param held the containers the cell holds
     * @param running the ports of the held instances that passed their health check
     * @param evacuating whether the cell is evacuating
     */
    public static List<WorkStep> plan(String cellId, CellWork work, Set<String> held,
            Map<String, List<PortMapping>> running, boolean evacuating) {
        List<WorkStep> steps = new ArrayList<>();
        Set<String> named = new HashSet<>();
        boolean evacuateAgain = false;
        for (ActualLrp instance : work.actualLrps()) {
            if (!cellId.equals(instance.cellId())) {
                continue;
            }
            named.add(instance.instanceGuid());
            boolean isHeld = held.contains(instance.instanceGuid());
            if (evacuating && staysWithoutEvacuation(instance, isHeld)) {
                evacuateAgain = true;
            }
            else if (!isHeld) {
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
            if (held.contains(task.taskGuid())) {
                continue;
            }
            if (evacuating && isUnstarted(task)) {
                evacuateAgain = true;
            }
            else {
                taskStep(task).ifPresent(steps::add);
            }
        }
        if (evacuateAgain) {
            steps.add(0, new WorkStep.Evacuate(cellId));
        }
        held.stream().filter(id -> !named.contains(id)).sorted().map(WorkStep.Stop::new).forEach(steps::add);
        return steps;
    }

    /**
     * Whether the receptor would have an evacuating cell start or keep this instance: it
     * was placed or claimed here, or it is RUNNING here as its index's ordinary instance
     * (an evacuating or suspect one is being replaced already). A RUNNING one that no
     * container holds is lost instead, and reported so.
     */
    private static boolean staysWithoutEvacuation(ActualLrp instance, boolean held) {
        return instance.state() == ActualLrpState.UNCLAIMED || instance.state() == ActualLrpState.CLAIMED
                || instance.state() == ActualLrpState.RUNNING && instance.presence() == ActualLrpPresence.ORDINARY
                        && held;
    }

    private static boolean isUnstarted(Task task) {
        return task.state() == TaskState.PENDING || task.state() == TaskState.CLAIMED;
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
        if (isUnstarted(task)) {
            return Optional.of(new WorkStep.StartTask(task));
        }
        if (task.state() == TaskState.RUNNING) {
            return Optional.of(new WorkStep.FailLostTask(task));
        }
        return Optional.empty();
    }

}
