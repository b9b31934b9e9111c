package io.corral.placement.auctioneer;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskState;
import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpRemoved;
import io.corral.receptor.api.event.ReceptorEvent.TaskChanged;
import io.corral.receptor.api.event.ReceptorEvent.TaskCreated;
import io.corral.receptor.api.event.ReceptorEvent.TaskRemoved;

/**
 * Which receptor events call for an auction: work that needs a cell (an UNCLAIMED
 * instance or a PENDING task without one) and room that was freed (an instance or task
 * gone or finished).
 */
final class NewWorkEvents {

    private NewWorkEvents() {
    }

    static boolean callsForAuction(ReceptorEvent event) {
        if (event instanceof ActualLrpCreated created) {
            return needsCell(created.actualLrp());
        }
        if (event instanceof ActualLrpChanged changed) {
            return needsCell(changed.after()) || changed.after().state() == ActualLrpState.CRASHED;
        }
        if (event instanceof TaskCreated created) {
            return needsCell(created.task());
        }
        if (event instanceof TaskChanged changed) {
            return needsCell(changed.after()) || changed.after().state() == TaskState.COMPLETED;
        }
        return event instanceof ActualLrpRemoved || event instanceof TaskRemoved;
    }

    private static boolean needsCell(ActualLrp instance) {
        return instance.state() == ActualLrpState.UNCLAIMED && instance.cellId() == null
                && instance.presence() == ActualLrpPresence.ORDINARY;
    }

    private static boolean needsCell(Task task) {
        return task.state() == TaskState.PENDING && task.cellId() == null;
    }

}
