package io.corral.cli.placement;

import io.corral.cli.CliCommand;
import io.corral.cli.ExitCodes;
import io.corral.cli.config.Service;
import io.corral.cli.http.ServiceClient;
import io.corral.cli.placement.PlacementApi.Explanation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code corral explain PROCESS_GUID INDEX}: how the auction sees that instance now. */
@Command(name = "explain",
        description = "Explain where the auction would place an instance now, cell by cell, and why not elsewhere.")
public class ExplainCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "PROCESS_GUID")
    private String processGuid;

    @Parameters(index = "1", paramLabel = "INDEX")
    private int index;

    @Override
    public Integer call() {
        JsonNode answer = client(Service.PLACEMENT).get(
                "/v1/placement/explain?process_guid=" + ServiceClient.encode(processGuid) + "&index=" + index,
                PlacementApi.SCOPE);
        output().show(answer, () -> PlacementTables.explanation(ServiceClient.read(answer, Explanation.class)));
        return ExitCodes.OK;
    }

}
