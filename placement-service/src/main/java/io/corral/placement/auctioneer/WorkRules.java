package io.corral.placement.auctioneer;

import io.corral.placement.auction.WorkItem;
import io.corral.placement.constraint.ConstraintBook;
import io.corral.placement.constraint.Lifecycle;
import io.corral.placement.model.ReceptorWork;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.Task;
import java.util.Set;

/**
 * Turns receptor work into auction work: its needs, and its effective rules from its own
 * tags and its space's constraint for its lifecycle (running for LRPs and ordinary tasks,
 * staging for tasks of a staging domain).
 */
final class WorkRules {

    private final ConstraintBook constraints;

    private final Set<String> stagingDomains;

    WorkRules(ConstraintBook constraints, Set<String> stagingDomains) {
        this.constraints = constraints;
        this.stagingDomains = stagingDomains;
    }

    WorkItem workFor(DesiredLrp desired, int index) {
        return new WorkItem(desired.processGuid() + "/" + index, desired.processGuid(), desired.rootfs(),
                ReceptorWork.needsOf(desired),
                constraints.rulesFor(desired.spaceGuid(), Lifecycle.RUNNING, desired.placementTags()));
    }

    WorkItem workFor(Task task) {
        Lifecycle lifecycle = stagingDomains.contains(task.domain()) ? Lifecycle.STAGING : Lifecycle.RUNNING;
        return new WorkItem(ReceptorWork.taskProcess(task), ReceptorWork.taskProcess(task), task.rootfs(),
                ReceptorWork.needsOf(task), constraints.rulesFor(task.spaceGuid(), lifecycle, task.placementTags()));
    }

}
