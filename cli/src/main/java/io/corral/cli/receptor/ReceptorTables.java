package io.corral.cli.receptor;

import io.corral.cli.output.Formats;
import io.corral.cli.output.Table;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.api.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The tables of the receptor's records. */
final class ReceptorTables {

    private ReceptorTables() {
    }

    static Table cells(List<Cell> cells, Instant now) {
        Table table = Table.of("CELL", "ZONE", "MEMORY_MB", "DISK_MB", "CONTAINERS", "TAGS", "OPTIONAL_TAGS", "ROOTFS",
                "EXPIRES_IN", "STATE");
        for (Cell cell : cells) {
            table.row(cell.cellId(), cell.zone(), cell.capacity().memoryMb(), cell.capacity().diskMb(),
                    cell.capacity().containers(), Formats.list(cell.placementTags()),
                    Formats.list(cell.optionalPlacementTags()), Formats.list(cell.rootfsProviders()),
                    Formats.until(cell.expiresAt(), now), cell.evacuating() ? "evacuating" : "taking work");
        }
        return table;
    }

    static Table desiredLrps(List<DesiredLrp> lrps) {
        Table table = Table.of("PROCESS_GUID", "DOMAIN", "INSTANCES", "MEMORY_MB", "DISK_MB", "ROOTFS", "TAGS",
                "APP_GUID", "SPACE_GUID");
        for (DesiredLrp lrp : lrps) {
            table.row(lrp.processGuid(), lrp.domain(), lrp.instances(), lrp.memoryMb(), lrp.diskMb(), lrp.rootfs(),
                    Formats.list(lrp.placementTags()), lrp.appGuid(), lrp.spaceGuid());
        }
        return table;
    }

    static Table actualLrps(List<ActualLrp> instances, Instant now) {
        Table table = Table.of("PROCESS_GUID", "INDEX", "STATE", "CELL", "ADDRESS", "PORTS", "SINCE", "CRASHES",
                "NOTES");
        for (ActualLrp lrp : instances) {
            table.row(lrp.processGuid(), lrp.index(), lrp.state(), lrp.cellId(), lrp.address(), ports(lrp.ports()),
                    Formats.age(lrp.since(), now), lrp.crashCount(), notes(lrp));
        }
        return table;
    }

    static Table tasks(List<Task> tasks, Instant now) {
        Table table = Table.of("TASK_GUID", "DOMAIN", "STATE", "CELL", "UPDATED", "OUTCOME");
        for (Task task : tasks) {
            table.row(task.taskGuid(), task.domain(), task.state(), task.cellId(),
                    task.updatedAt() == null ? null : Formats.age(task.updatedAt(), now) + " ago", outcome(task));
        }
        return table;
    }

    /** {@code 8080:61001,2222:61002}: container port to host port. */
    private static String ports(List<PortMapping> ports) {
        return ports == null ? ""
                : ports.stream().map(p -> p.containerPort() + ":" + p.hostPort()).collect(Collectors.joining(","));
    }

    private static String notes(ActualLrp lrp) {
        List<String> notes = new ArrayList<>();
        if (lrp.presence() != ActualLrpPresence.ORDINARY) {
            notes.add(lrp.presence().name().toLowerCase(Locale.ROOT));
        }
        if (Boolean.TRUE.equals(lrp.tainted())) {
            notes.add("tainted");
        }
        if (lrp.placementError() != null) {
            notes.add("placement_error: " + lrp.placementError());
        }
        if (lrp.crashReason() != null) {
            notes.add("crash: " + Formats.cut(lrp.crashReason(), 60));
        }
        return String.join("; ", notes);
    }

    private static String outcome(Task task) {
        if (task.placementError() != null) {
            return "placement_error: " + task.placementError();
        }
        if (Boolean.TRUE.equals(task.failed())) {
            return "failed: " + Formats.cut(task.failureReason(), 60);
        }
        return task.result() == null ? null : "result: " + Formats.cut(task.result(), 60);
    }

}
