package io.corral.cli.receptor;

import io.corral.cli.CliCommand;
import io.corral.cli.ExitCodes;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.client.ReceptorClient;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code corral actuals}: instances, filtered by process, domain, state and cell. */
@Command(name = "actuals", description = "List the actual LRPs (instances): where each runs and in which state.")
public class ActualsCommand extends CliCommand {

    @Parameters(arity = "0..1", paramLabel = "PROCESS_GUID", description = "Only the instances of this process.")
    private String processGuid;

    @Option(names = "--state", split = ",", paramLabel = "STATE",
            description = "Only these states: ${COMPLETION-CANDIDATES} (comma-separated or repeated).")
    private Set<ActualLrpState> states = Set.of();

    @Option(names = "--cell", paramLabel = "CELL_ID", description = "Only the instances on this cell.")
    private String cellId;

    @Option(names = "--domain", description = "Only the instances of this domain.")
    private String domain;

    @Override
    public Integer call() {
        List<ActualLrp> instances = list().stream()
            .filter(lrp -> states.isEmpty() || states.contains(lrp.state()))
            .filter(lrp -> cellId == null || cellId.equals(lrp.cellId()))
            .filter(lrp -> domain == null || domain.equals(lrp.domain()))
            .toList();
        output().show(instances, () -> ReceptorTables.actualLrps(instances, env().clock().instant()),
                "No instances match.");
        return ExitCodes.OK;
    }

    private List<ActualLrp> list() {
        if (processGuid != null) {
            return receptor().call("GET", "/v1/actual_lrps/" + processGuid, "receptor.read",
                    client -> client.actualLrps(processGuid));
        }
        return receptor().call("GET", "/v1/actual_lrps", "receptor.read", ReceptorClient::actualLrps);
    }

}
