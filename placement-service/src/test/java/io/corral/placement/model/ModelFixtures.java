package io.corral.placement.model;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.ModificationTag;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskState;
import io.corral.testsupport.ApiFixtures;
import java.util.List;

/** Receptor records that differ only in what the placement model cares about. */
final class ModelFixtures {

    private ModelFixtures() {
    }

    static ActualLrp instance(String instanceGuid, String processGuid, int index, ActualLrpState state, String cellId) {
        return instance(instanceGuid, processGuid, index, state, cellId, null);
    }

    static ActualLrp instance(String instanceGuid, String processGuid, int index, ActualLrpState state, String cellId,
            String placementError) {
        return new ActualLrp(processGuid, instanceGuid, cellId, "cf-apps", index, null, List.of(), state,
                placementError, 1L, 0, null, false, new ModificationTag("epoch", 1));
    }

    static Task task(String taskGuid, TaskState state, String cellId) {
        Task task = ApiFixtures.task(taskGuid, null);
        return new Task(task.taskGuid(), task.domain(), task.rootfs(), task.action(), task.env(), task.cpuWeight(),
                task.diskMb(), task.memoryMb(), task.privileged(), task.logGuid(), task.logSource(), task.metricsGuid(),
                task.resultFile(), task.completionCallbackUrl(), task.annotation(), task.egressRules(),
                task.placementTags(), task.spaceGuid(), task.appGuid(), state, cellId, null, false, null, null, 1L, 1L);
    }

}
