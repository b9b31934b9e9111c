package io.corral.placement.model;

import io.corral.placement.auction.Resources;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskState;

/**
 * How the receptor's records count in an auction: which wait for a cell, which hold one,
 * and what each takes there.
 */
public final class ReceptorWork {

    private ReceptorWork() {
    }

    /**
     * An instance the auction places: UNCLAIMED, on no cell, and not a suspect's
     * stand-in.
     */
    public static boolean needsPlacement(ActualLrp instance) {
        return instance.state() == ActualLrpState.UNCLAIMED && instance.cellId() == null
                && instance.presence() == ActualLrpPresence.ORDINARY;
    }

    /** An instance taking room on its cell: a crashed one waits to restart elsewhere. */
    static boolean holdsACell(ActualLrp instance) {
        return instance.cellId() != null && instance.state() != ActualLrpState.CRASHED;
    }

    static boolean needsPlacement(Task task) {
        return task.state() == TaskState.PENDING && task.cellId() == null;
    }

    static boolean holdsACell(Task task) {
        return task.cellId() != null && (task.state() == TaskState.PENDING || task.state() == TaskState.CLAIMED
                || task.state() == TaskState.RUNNING);
    }

    /** A task is a process of one instance, named so that it is no LRP's. */
    public static String taskProcess(Task task) {
        return "task:" + task.taskGuid();
    }

    public static Resources needsOf(DesiredLrp desired) {
        return needs(desired.memoryMb(), desired.diskMb());
    }

    public static Resources needsOf(Task task) {
        return needs(task.memoryMb(), task.diskMb());
    }

    /** One instance's needs as the API gives them: an absent size is none. */
    public static Resources needs(Integer memoryMb, Integer diskMb) {
        return Resources.ofInstance(orZero(memoryMb), orZero(diskMb));
    }

    private static long orZero(Integer value) {
        return value == null ? 0 : value;
    }

}
