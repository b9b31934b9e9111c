package io.corral.cell;

import io.corral.support.service.CorralService;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CellAgentApplication {

    public static final CorralService SERVICE = new CorralService("cell-agent", CellAgentApplication.class, 8893);

    public static void main(String[] args) {
        SERVICE.run(args);
    }

}
