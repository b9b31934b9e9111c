package io.corral.cell.agent;

import io.corral.cell.container.ContainerSpec;
import io.corral.cell.container.ResourceLimits;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.Task;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What runs in the container of an instance or a task. */
final class ContainerSpecs {

    static final String SSH_ROUTE = "diego-ssh";

    /** Diego's default when an LRP names no start timeout. */
    static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    private ContainerSpecs() {
    }

    static ContainerSpec instance(ActualLrp instance, DesiredLrp lrp) {
        Duration startTimeout = lrp.startTimeout() == null ? DEFAULT_START_TIMEOUT
                : Duration.ofSeconds(lrp.startTimeout());
        Map<String, JsonNode> routes = lrp.routes() == null ? Map.of() : lrp.routes();
        return new ContainerSpec(instance.instanceGuid(), ContainerSpec.Kind.INSTANCE, lrp.processGuid(),
                instance.index(), lrp.setup(), lrp.action(), lrp.monitor(), lrp.env(), lrp.ports(), startTimeout, null,
                routes.get(SSH_ROUTE), ResourceLimits.of(lrp.memoryMb(), lrp.diskMb()));
    }

    static ContainerSpec task(Task task) {
        return new ContainerSpec(task.taskGuid(), ContainerSpec.Kind.TASK, null, 0, null, task.action(), null,
                task.env(), null, Duration.ZERO, task.resultFile(), null,
                ResourceLimits.of(task.memoryMb(), task.diskMb()));
    }

}
