package io.corral.support.service;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One service of the control plane, and the recipe every service boots by: its settings
 * file is {@code <name>.yml} and its migrations are in {@code db/<name>} (so services can
 * share one JVM and one classpath, each reading its own), on top of the defaults every
 * service shares ({@code corral-defaults.yml}, applied by {@link CorralDefaults}).
 *
 * @param name the service's name: its settings file, migration folder,
 * {@code spring.application.name} and metrics tag
 * @param applicationClass its {@code @SpringBootApplication} class
 * @param defaultPort the port it listens on unless {@code PORT} or {@code server.port}
 * says otherwise
 */
public record CorralService(String name, Class<?> applicationClass, int defaultPort) {

    /**
     * The service's application, ready to run; arguments and the settings file win over
     * its defaults.
     */
    public SpringApplication application() {
        SpringApplication application = new SpringApplication(applicationClass);
        application.setDefaultProperties(Map.of("spring.config.name", name, "spring.application.name", name,
                "server.port", "${PORT:" + defaultPort + "}"));
        return application;
    }

    public ConfigurableApplicationContext run(String... args) {
        return application().run(args);
    }
}
