package io.corral.support.db;

import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The {@code database} health check ({@link DatabaseHealthIndicator}) of every service
 * with a data source and the actuator; {@code corral-defaults.yml} puts it in the
 * readiness group.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(DataSource.class)
public class DatabaseHealthAutoConfiguration {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);

    @Bean
    DatabaseHealthIndicator databaseHealthIndicator(DataSource dataSource) {
        return new DatabaseHealthIndicator(dataSource, CHECK_TIMEOUT);
    }

}
