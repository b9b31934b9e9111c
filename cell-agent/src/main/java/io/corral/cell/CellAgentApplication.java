package io.corral.cell;

import io.corral.support.service.CorralService;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The cell agent, the rep of one cell: it heartbeats its cell, follows the work the
 * receptor assigns the cell, runs it in containers (processes, or simulated ones) and
 * reports how each instance and task fares.
 */
// A cell keeps no database, as Diego's rep keeps none: where the launcher's classpath
// brings JDBC, JPA and Flyway, they stay off.
@SpringBootApplication(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration" })
@ConfigurationPropertiesScan
public class CellAgentApplication {

    public static final CorralService SERVICE = new CorralService("cell-agent", CellAgentApplication.class, 8893);

    public static void main(String[] args) {
        SERVICE.run(args);
    }

}
