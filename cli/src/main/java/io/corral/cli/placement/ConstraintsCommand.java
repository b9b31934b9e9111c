package io.corral.cli.placement;

import io.corral.cli.CliCommand;
import io.corral.cli.CommandGroup;
import io.corral.cli.ExitCodes;
import io.corral.cli.config.Service;
import io.corral.cli.http.ServiceClient;
import io.corral.cli.output.Output;
import io.corral.cli.placement.PlacementApi.AuditPage;
import io.corral.cli.placement.PlacementApi.Constraint;
import io.corral.cli.placement.PlacementApi.ConstraintRequest;
import io.corral.cli.placement.PlacementApi.PutResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code corral constraints get|set|delete|list|audit}: per-space placement constraints
 * and the defaults ({@code docs/placement.md}).
 */
@Command(name = "constraints", description = "Placement constraints of spaces and the defaults.",
        subcommands = { ConstraintsCommand.Get.class, ConstraintsCommand.Set.class, ConstraintsCommand.Delete.class,
                ConstraintsCommand.ListAll.class, ConstraintsCommand.Audit.class })
public class ConstraintsCommand extends CommandGroup {

    /** The lifecycles a constraint is for. */
    enum Lifecycle {

        running, staging

    }

    /** Whose constraint: a space's or the default. */
    static final class Owner {

        @Option(names = "--space", required = true, paramLabel = "SPACE_GUID", description = "A space's constraint.")
        private String spaceGuid;

        @Option(names = "--default", required = true, description = "The default, for spaces without their own.")
        private boolean isDefault;

        String path(Lifecycle lifecycle) {
            return spaceGuid == null ? "/v1/placement_constraints/default/" + lifecycle
                    : "/v1/spaces/" + ServiceClient.encode(spaceGuid) + "/placement_constraints/" + lifecycle;
        }

        String describe(Lifecycle lifecycle) {
            return "the " + lifecycle + " constraint of " + (spaceGuid == null ? "the default" : "space " + spaceGuid);
        }

    }

    /**
     * A constraint's owner and lifecycle, as the get, set and delete commands name it.
     */
    abstract static class OneConstraint extends CliCommand {

        @ArgGroup(exclusive = true, multiplicity = "1")
        Owner owner;

        @Option(names = "--lifecycle", defaultValue = "running",
                description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
        Lifecycle lifecycle;

    }

    @Command(name = "get", description = "Show a space's constraint or the default.")
    static class Get extends OneConstraint {

        @Override
        public Integer call() {
            JsonNode answer = client(Service.PLACEMENT).get(owner.path(lifecycle), PlacementApi.SCOPE);
            output().show(answer, () -> PlacementTables.constraint(ServiceClient.read(answer, Constraint.class)));
            return ExitCodes.OK;
        }

    }

    @Command(name = "set",
            description = {
                    "Set (replace whole) a space's constraint or the default, and show the placed instances "
                            + "that now break it.",
                    "With --rolling they are moved, one instance per process at a time." })
    static class Set extends OneConstraint {

        @Option(names = "--tag", split = ",", paramLabel = "TAG", description = "A tag every cell must have.")
        private List<String> tags = new ArrayList<>();

        @Option(names = "--forbid", split = ",", paramLabel = "TAG", description = "A tag no cell may have.")
        private List<String> forbiddenTags = new ArrayList<>();

        @Option(names = "--prefer", paramLabel = "TAG=WEIGHT",
                description = "A preferred tag and its weight (1 to 100).")
        private Map<String, Integer> preferredTags = Map.of();

        @Option(names = "--max-per-cell", paramLabel = "N", description = "At most N instances of a process per cell.")
        private Integer maxInstancesPerCell;

        @Option(names = "--rolling", description = "Move the instances that break it (a rolling rollout).")
        private boolean rolling;

        @Override
        public Integer call() {
            JsonNode answer = client(Service.PLACEMENT).send("PUT",
                    owner.path(lifecycle) + (rolling ? "?rollout=rolling" : ""),
                    new ConstraintRequest(tags, forbiddenTags, preferredTags, maxInstancesPerCell), PlacementApi.SCOPE);
            output().show(answer, () -> PlacementTables.putResult(ServiceClient.read(answer, PutResult.class)));
            return ExitCodes.OK;
        }

    }

    @Command(name = "delete", description = "Delete a space's constraint or the default (done also if there was none).")
    static class Delete extends OneConstraint {

        @Override
        public Integer call() {
            client(Service.PLACEMENT).send("DELETE", owner.path(lifecycle), null, PlacementApi.SCOPE);
            Output output = output();
            if (!output.json()) {
                output.line("Deleted " + owner.describe(lifecycle) + ".");
            }
            return ExitCodes.OK;
        }

    }

    @Command(name = "list", description = "List the distinct constraints, the defaults first, with their spaces.")
    static class ListAll extends CliCommand {

        @Option(names = "--lifecycle", description = "Only this lifecycle: ${COMPLETION-CANDIDATES}.")
        private Lifecycle lifecycle;

        @Override
        public Integer call() {
            JsonNode answer = client(Service.PLACEMENT).get(
                    "/v1/placement_constraints" + (lifecycle == null ? "" : "?lifecycle=" + lifecycle),
                    PlacementApi.SCOPE);
            output().show(answer,
                    () -> PlacementTables.constraints(List.of(ServiceClient.read(answer, Constraint[].class))),
                    "No constraints.");
            return ExitCodes.OK;
        }

    }

    @Command(name = "audit", description = "Show who changed which constraint when, newest first.")
    static class Audit extends CliCommand {

        @Option(names = "--space", paramLabel = "SPACE_GUID", description = "Only this space's changes.")
        private String spaceGuid;

        @Option(names = "--lifecycle", description = "Only this lifecycle: ${COMPLETION-CANDIDATES}.")
        private Lifecycle lifecycle;

        @Option(names = "--limit", defaultValue = "100", description = "At most this many (1 to 1000, default 100).")
        private int limit;

        @Option(names = "--before-id", paramLabel = "ID", description = "Only entries older than this one.")
        private Long beforeId;

        @Override
        public Integer call() {
            String query = "?limit=" + limit
                    + (spaceGuid == null ? "" : "&space_guid=" + ServiceClient.encode(spaceGuid))
                    + (lifecycle == null ? "" : "&lifecycle=" + lifecycle)
                    + (beforeId == null ? "" : "&before_id=" + beforeId);
            JsonNode answer = client(Service.PLACEMENT).get("/v1/placement_constraints/audit" + query,
                    PlacementApi.SCOPE);
            AuditPage page = ServiceClient.read(answer, AuditPage.class);
            output().show(answer, () -> PlacementTables.audit(page.entries()), "No changes.");
            if (!output().json() && page.nextBeforeId() != null) {
                err().println("Older entries: corral constraints audit --before-id " + page.nextBeforeId());
            }
            return ExitCodes.OK;
        }

    }

}
