package io.corral.support.service;

import java.util.HashMap;
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
 * @param keepsDatabase whether it keeps a database; one that keeps none (the ssh-proxy, a
 * cell agent) leaves JDBC, JPA and Flyway off even where a shared classpath (the
 * launcher's) brings them
 */
public record CorralService(String name, Class<?> applicationClass, int defaultPort, boolean keepsDatabase) {

    private static final String DATABASE_AUTO_CONFIGURATIONS = String.join(",",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration");

    /** A service that keeps a database. */
    public CorralService(String name, Class<?> applicationClass, int defaultPort) {
        this(name, applicationClass, defaultPort, true);
    }

    /** A service that keeps no database. */
    public static CorralService withoutDatabase(String name, Class<?> applicationClass, int defaultPort) {
        return new CorralService(name, applicationClass, defaultPort, false);
    }

    /**
     * The service's application, ready to run; arguments and the settings file win over
     * its defaults.
     */
    public SpringApplication application() {
        SpringApplication application = new SpringApplication(applicationClass);
        Map<String, Object> defaults = new HashMap<>(Map.of("spring.config.name", name, "spring.application.name", name,
                "server.port", "${PORT:" + defaultPort + "}"));
        if (!keepsDatabase) {
            defaults.put("spring.autoconfigure.exclude", DATABASE_AUTO_CONFIGURATIONS);
        }
        application.setDefaultProperties(defaults);
        return application;
    }

    public ConfigurableApplicationContext run(String... args) {
        return application().run(args);
    }
}
