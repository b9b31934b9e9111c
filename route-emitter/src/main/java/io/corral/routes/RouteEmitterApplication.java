package io.corral.routes;

import io.corral.support.service.CorralService;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RouteEmitterApplication {

    public static final CorralService SERVICE = new CorralService("route-emitter", RouteEmitterApplication.class, 8890);

    public static void main(String[] args) {
        SERVICE.run(args);
    }

}
