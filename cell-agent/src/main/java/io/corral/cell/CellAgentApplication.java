package io.corral.cell;

import io.corral.support.service.CorralService;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The cell agent, the rep of one cell: it heartbeats its cell, follows the work the
 * receptor assigns the cell, runs it in containers (processes, or simulated ones) and
 * reports how each instance and task fares.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CellAgentApplication {

    public static final CorralService SERVICE = CorralService.withoutDatabase("cell-agent", CellAgentApplication.class,
            8893);

    public static void main(String[] args) {
        SERVICE.run(args);
    }

}
