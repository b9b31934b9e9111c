package io.corral.cli.placement;

import io.corral.cli.output.Formats;
import io.corral.cli.output.Table;
import io.corral.cli.placement.PlacementApi.AuditEntry;
import io.corral.cli.placement.PlacementApi.CellVerdict;
import io.corral.cli.placement.PlacementApi.Constraint;
import io.corral.cli.placement.PlacementApi.Explanation;
import io.corral.cli.placement.PlacementApi.Placed;
import io.corral.cli.placement.PlacementApi.PutResult;
import io.corral.cli.placement.PlacementApi.Rollout;
import io.corral.cli.placement.PlacementApi.RolloutInstance;
import io.corral.cli.placement.PlacementApi.Simulation;
import io.corral.cli.placement.PlacementApi.Unplaced;
import io.corral.cli.placement.PlacementApi.Violation;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The placement service's answers as tables and lines. */
final class PlacementTables {

    private PlacementTables() {
    }

    static String explanation(Explanation explanation) {
        StringBuilder text = new StringBuilder();
        text.append(explanation.processGuid()).append('/').append(explanation.index()).append(": ");
        text.append(explanation.chosenCellId() != null ? "would go to " + explanation.chosenCellId()
                : "fits nowhere: " + explanation.placementError());
        text.append('\n');
        text.append("rules: required ")
            .append(dash(Formats.list(explanation.rules().requiredTags())))
            .append("; forbidden ")
            .append(dash(Formats.list(explanation.rules().forbiddenTags())))
            .append("; preferred ")
            .append(dash(Formats.weights(explanation.rules().preferredTags())))
            .append("; max per cell ")
            .append(dash(explanation.rules().maxInstancesPerCell()))
            .append("\n\n");
        Table table = Table.of("CELL", "ZONE", "VERDICT");
        for (CellVerdict cell : explanation.cells()) {
            table.row(cell.cellId(), cell.zone(), verdict(cell));
        }
        return text + table.render();
    }

    static String simulation(Simulation simulation) {
        Table table = Table.of("INDEX", "CELL", "ZONE", "PLACEMENT_ERROR");
        for (Placed placed : simulation.placements()) {
            table.row(placed.index(), placed.cellId(), placed.zone(), null);
        }
        for (Unplaced failure : simulation.failures()) {
            table.row(failure.index(), null, null, failure.placementError());
        }
        return table.render() + "\nplaced " + simulation.placements().size() + ", unplaced "
                + simulation.failures().size() + "; per zone: " + dash(Formats.weights(simulation.instancesPerZone()))
                + "\n";
    }

    static Table constraints(List<Constraint> constraints) {
        Table table = Table.of("LIFECYCLE", "DEFAULT", "SPACES", "TAGS", "FORBIDDEN", "PREFERRED", "MAX_PER_CELL");
        for (Constraint c : constraints) {
            table.row(c.lifecycle(), Boolean.TRUE.equals(c.isDefault()) ? "yes" : "no", Formats.list(c.spaceGuids()),
                    Formats.list(c.tags()), Formats.list(c.forbiddenTags()), Formats.weights(c.preferredTags()),
                    c.maxInstancesPerCell());
        }
        return table;
    }

    static String constraint(Constraint c) {
        return "owner:        " + (c.spaceGuid() == null ? "default" : "space " + c.spaceGuid()) + "\n"
                + "lifecycle:    " + c.lifecycle() + "\n" + "tags:         " + dash(Formats.list(c.tags())) + "\n"
                + "forbidden:    " + dash(Formats.list(c.forbiddenTags())) + "\n" + "preferred:    "
                + dash(Formats.weights(c.preferredTags())) + "\n" + "max per cell: " + dash(c.maxInstancesPerCell())
                + "\n" + "updated:      " + Formats.time(c.updatedAt()) + " by " + c.updatedBy() + "\n";
    }

    static String putResult(PutResult result) {
        StringBuilder text = new StringBuilder(constraint(result.constraint()));
        if (result.violations().isEmpty()) {
            text.append("\nNo placed instance breaks it.\n");
        }
        else {
            text.append("\n").append(result.violations().size()).append(" placed instances break it:\n");
            Table table = Table.of("PROCESS_GUID", "INDEX", "CELL", "REASONS");
            for (Violation v : result.violations()) {
                table.row(v.processGuid(), v.index(), v.cellId(), String.join("; ", v.reasons()));
            }
            text.append(table.render());
        }
        if (result.rollout() != null) {
            text.append("\nRollout ")
                .append(result.rollout().id())
                .append(' ')
                .append(result.rollout().state())
                .append(": corral rollouts ")
                .append(result.rollout().id())
                .append('\n');
        }
        return text.toString();
    }

    static Table audit(List<AuditEntry> entries) {
        Table table = Table.of("ID", "AT", "ACTOR", "OWNER", "LIFECYCLE", "BEFORE", "AFTER");
        for (AuditEntry e : entries) {
            table.row(e.id(), Formats.time(e.at()), e.actor(), e.spaceGuid() == null ? "default" : e.spaceGuid(),
                    e.lifecycle(), summary(e.before()), summary(e.after()));
        }
        return table;
    }

    static Table rollouts(List<Rollout> rollouts) {
        Table table = Table.of("ID", "SPACE", "LIFECYCLE", "STATE", "CREATED_BY", "CREATED_AT", "INSTANCES");
        for (Rollout r : rollouts) {
            table.row(r.id(), r.spaceGuid() == null ? "default" : r.spaceGuid(), r.lifecycle(), r.state(),
                    r.createdBy(), Formats.time(r.createdAt()), counts(r));
        }
        return table;
    }

    static String rollout(Rollout r) {
        String head = "rollout " + r.id() + " of " + (r.spaceGuid() == null ? "the default" : "space " + r.spaceGuid())
                + " (" + r.lifecycle() + "): " + r.state() + ", created " + Formats.time(r.createdAt()) + " by "
                + r.createdBy() + "\ninstances: " + dash(counts(r)) + "\n\n";
        Table table = Table.of("PROCESS_GUID", "INDEX", "STATE", "OLD_CELL", "NEW_CELL", "REASONS", "DETAIL");
        for (RolloutInstance i : r.instances() == null ? List.<RolloutInstance>of() : r.instances()) {
            table.row(i.processGuid(), i.index(), i.state(), i.oldCellId(), i.newCellId(),
                    String.join("; ", i.reasons() == null ? List.of() : i.reasons()), i.detail());
        }
        return head + table.render();
    }

    private static String verdict(CellVerdict cell) {
        if (cell.rejections() != null && !cell.rejections().isEmpty()) {
            return String.join("; ", cell.rejections());
        }
        if (cell.score() == null) {
            return "fits";
        }
        return String.format(Locale.ROOT, "fits: zone_instances=%d preference=%d cell_instances=%d resource_use=%.2f",
                cell.score().zoneInstances(), cell.score().preference(), cell.score().cellInstances(),
                cell.score().resourceUse());
    }

    private static String counts(Rollout rollout) {
        return rollout.instanceCounts() == null ? ""
                : rollout.instanceCounts()
                    .entrySet()
                    .stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
    }

    /** A constraint in one cell: {@code tags=a,b forbidden=c preferred=ssd=10 max=2}. */
    private static String summary(Constraint c) {
        if (c == null) {
            return null;
        }
        String text = (c.tags() == null || c.tags().isEmpty() ? "" : " tags=" + Formats.list(c.tags()))
                + (c.forbiddenTags() == null || c.forbiddenTags().isEmpty() ? ""
                        : " forbidden=" + Formats.list(c.forbiddenTags()))
                + (c.preferredTags() == null || c.preferredTags().isEmpty() ? ""
                        : " preferred=" + Formats.weights(c.preferredTags()))
                + (c.maxInstancesPerCell() == null ? "" : " max=" + c.maxInstancesPerCell());
        return text.isEmpty() ? "{}" : text.strip();
    }

    private static String dash(Object value) {
        return value == null || String.valueOf(value).isEmpty() ? "-" : String.valueOf(value);
    }

}
