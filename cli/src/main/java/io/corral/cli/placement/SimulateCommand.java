package io.corral.cli.placement;

import io.corral.cli.CliCommand;
import io.corral.cli.ExitCodes;
import io.corral.cli.config.Service;
import io.corral.cli.http.ServiceClient;
import io.corral.cli.placement.PlacementApi.Simulation;
import io.corral.cli.placement.PlacementApi.SimulationRequest;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code corral simulate}: where a hypothetical LRP's instances would go; writes nothing.
 */
@Command(name = "simulate",
        description = "Place a hypothetical LRP on the cells as they are now, writing nothing: where each instance "
                + "would go.")
public class SimulateCommand extends CliCommand {

    @Option(names = "--instances", required = true, paramLabel = "N", description = "How many (1 to 10000).")
    private int instances;

    @Option(names = "--rootfs", defaultValue = "preloaded:cflinuxfs4",
            description = "The rootfs (default ${DEFAULT-VALUE}).")
    private String rootfs;

    @Option(names = "--memory-mb", paramLabel = "MB", description = "Memory per instance.")
    private Integer memoryMb;

    @Option(names = "--disk-mb", paramLabel = "MB", description = "Disk per instance.")
    private Integer diskMb;

    @Option(names = "--tag", paramLabel = "TAG", split = ",",
            description = "A placement tag the LRP requires (repeat or comma-separate).")
    private List<String> tags;

    @Option(names = "--space", paramLabel = "SPACE_GUID", description = "Its space, whose constraint applies.")
    private String spaceGuid;

    @Option(names = "--lifecycle", defaultValue = "running",
            description = "running (an LRP, default) or staging (a staging task).")
    private String lifecycle;

    @Override
    public Integer call() {
        JsonNode answer = client(Service.PLACEMENT).send("POST", "/v1/placement/simulate",
                new SimulationRequest(instances, rootfs, memoryMb, diskMb, tags, spaceGuid, lifecycle),
                PlacementApi.SCOPE);
        output().show(answer, () -> PlacementTables.simulation(ServiceClient.read(answer, Simulation.class)));
        return ExitCodes.OK;
    }

}
