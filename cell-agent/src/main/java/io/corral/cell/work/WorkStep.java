package io.corral.cell.work;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.api.Task;
import java.util.List;

/** One thing the cell must do so that what runs matches its work. */
public sealed interface WorkStep {

    /** The instance, task or container it is about. */
    String id();

    /** Claim an instance placed on the cell (if not yet) and start it. */
    record StartInstance(ActualLrp instance) implements WorkStep {

        @Override
        public String id() {
            return instance.instanceGuid();
        }

    }

    /** Report a task started and run it. */
    record StartTask(Task task) implements WorkStep {

        @Override
        public String id() {
            return task.taskGuid();
        }

    }

    /**
     * The container runs and passed its health check, but the receptor still has the
     * instance CLAIMED (the report was lost): report it running again.
     */
    record ReportRunning(ActualLrp instance, List<PortMapping> ports) implements WorkStep {

        @Override
        public String id() {
            return instance.instanceGuid();
        }

    }

    /** Stop a container the work no longer names. */
    record Stop(String containerId) implements WorkStep {

        @Override
        public String id() {
            return containerId;
        }

    }

    /**
     * The receptor believes the instance runs here, but no container holds it: report it
     * crashed.
     */
    record ReportLost(ActualLrp instance) implements WorkStep {

        @Override
        public String id() {
            return instance.instanceGuid();
        }

    }

    /** The receptor believes the task runs here, but no container holds it. */
    record FailLostTask(Task task) implements WorkStep {

        @Override
        public String id() {
            return task.taskGuid();
        }

    }

    /**
     * The cell is evacuating, yet the receptor still has it start or keep work (a change
     * raced the evacuation): ask for the cell's evacuation again.
     */
    record Evacuate(String cellId) implements WorkStep {

        @Override
        public String id() {
            return cellId;
        }

    }

    /**
     * The evacuation's time is up and the instance still runs here: stop it and report it
     * removed.
     */
    record GiveUpInstance(ActualLrp instance) implements WorkStep {

        @Override
        public String id() {
            return instance.instanceGuid();
        }

    }

    /**
     * The evacuation's time is up and the task still runs here: stop it and report it
     * failed.
     */
    record GiveUpTask(Task task) implements WorkStep {

        @Override
        public String id() {
            return task.taskGuid();
        }

    }

}
