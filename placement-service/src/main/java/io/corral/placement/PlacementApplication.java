package io.corral.placement;

import io.corral.support.service.CorralService;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PlacementApplication {

    public static final CorralService SERVICE = new CorralService("placement", PlacementApplication.class, 8889);

    public static void main(String[] args) {
        SERVICE.run(args);
    }

}
