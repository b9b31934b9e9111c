package io.corral.cli.receptor;

import io.corral.cli.CliCommand;
import io.corral.cli.ExitCodes;
import io.corral.receptor.api.Cell;
import io.corral.receptor.client.ReceptorClient;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code corral cells}: the cells present now. */
@Command(name = "cells", description = "List the cells present now (heartbeat within its TTL).")
public class CellsCommand extends CliCommand {

    @Override
    public Integer call() {
        List<Cell> cells = receptor().call("GET", "/v1/cells", "receptor.read", ReceptorClient::cells);
        output().show(cells, () -> ReceptorTables.cells(cells, env().clock().instant()), "No cells are present.");
        return ExitCodes.OK;
    }

}
