package io.corral.placement;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PlacementApplication {

    /**
     * The settings file is {@code placement.yml}, not {@code application.yml}, so the services of the
     * control plane can share one JVM and one classpath (the standalone launcher, tests) and each read its own.
     */
    public static final String CONFIG_NAME = "spring.config.name=placement";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(PlacementApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "placement"));
        return application;
    }
}
