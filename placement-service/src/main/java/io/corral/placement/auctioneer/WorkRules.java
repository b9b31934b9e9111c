package io.corral.placement.auctioneer;

import io.corral.placement.auction.Resources;
import io.corral.placement.auction.WorkItem;
import io.corral.placement.constraint.ConstraintBook;
import io.corral.placement.constraint.Lifecycle;
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
                needsOf(desired),
                constraints.rulesFor(desired.spaceGuid(), Lifecycle.RUNNING, desired.placementTags()));
    }

    WorkItem workFor(Task task) {
        Lifecycle lifecycle = stagingDomains.contains(task.domain()) ? Lifecycle.STAGING : Lifecycle.RUNNING;
        return new WorkItem(taskProcess(task), taskProcess(task), task.rootfs(), needsOf(task),
                constraints.rulesFor(task.spaceGuid(), lifecycle, task.placementTags()));
    }

    static String taskProcess(Task task) {
        return "task:" + task.taskGuid();
    }

    static Resources needsOf(DesiredLrp desired) {
        return needs(desired.memoryMb(), desired.diskMb());
    }

    static Resources needsOf(Task task) {
        return needs(task.memoryMb(), task.diskMb());
    }

    /** One instance's needs as the API gives them: an absent size is none. */
    static Resources needs(Integer memoryMb, Integer diskMb) {
        return Resources.ofInstance(orZero(memoryMb), orZero(diskMb));
    }

    private static long orZero(Integer value) {
        return value == null ? 0 : value;
    }

}
