package io.corral.placement.model;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Task;

/** Receptor records as a pending placement shows them: on the cell it chose. */
final class ModelRecords {

    private ModelRecords() {
    }

    static ActualLrp withCell(ActualLrp instance, String cellId) {
        return new ActualLrp(instance.processGuid(), instance.instanceGuid(), cellId, instance.domain(),
                instance.index(), instance.address(), instance.ports(), instance.state(), null, instance.since(),
                instance.crashCount(), instance.crashReason(), instance.evacuating(), instance.presence(),
                instance.modificationTag(), instance.tainted());
    }

    static Task withCell(Task task, String cellId) {
        return new Task(task.taskGuid(), task.domain(), task.rootfs(), task.action(), task.env(), task.cpuWeight(),
                task.diskMb(), task.memoryMb(), task.privileged(), task.logGuid(), task.logSource(), task.metricsGuid(),
                task.resultFile(), task.completionCallbackUrl(), task.annotation(), task.egressRules(),
                task.placementTags(), task.spaceGuid(), task.appGuid(), task.state(), cellId, null, task.failed(),
                task.failureReason(), task.result(), task.createdAt(), task.updatedAt());
    }

}
