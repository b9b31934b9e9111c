package io.corral.cli.placement;

import io.corral.cli.CliCommand;
import io.corral.cli.ExitCodes;
import io.corral.cli.config.Service;
import io.corral.cli.http.ServiceClient;
import io.corral.cli.placement.PlacementApi.Rollout;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code corral rollouts [ID]}: the latest rolling rollouts, or one with its instances.
 */
@Command(name = "rollouts",
        description = "List the latest rolling rollouts of placement constraints, or show one instance by instance.")
public class RolloutsCommand extends CliCommand {

    @Parameters(arity = "0..1", paramLabel = "ID", description = "Show this rollout.")
    private Long id;

    @Override
    public Integer call() {
        ServiceClient placement = client(Service.PLACEMENT);
        if (id != null) {
            JsonNode answer = placement.get("/v1/rollouts/" + id, PlacementApi.SCOPE);
            output().show(answer, () -> PlacementTables.rollout(ServiceClient.read(answer, Rollout.class)));
            return ExitCodes.OK;
        }
        JsonNode answer = placement.get("/v1/rollouts", PlacementApi.SCOPE);
        output().show(answer, () -> PlacementTables.rollouts(List.of(ServiceClient.read(answer, Rollout[].class))),
                "No rollouts.");
        return ExitCodes.OK;
    }

}
