package io.corral.support.db;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Runs PostgreSQL in-process for the zero set-up default; production points at a real
 * server. The database is a bean the data source depends on, so it stops last: after the
 * web server has drained, the leases are released and the pool is closed.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnProperty("corral.embedded-postgres.enabled")
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
public class EmbeddedPostgresAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(EmbeddedPostgresProperties properties) {
        EmbeddedDatabase database = EmbeddedDatabase.start(properties.dataDirectory(), properties.port());
        log.info("embedded PostgreSQL listening on 127.0.0.1:{} with data in {}", properties.port(),
                properties.dataDirectory().toAbsolutePath());
        return database;
    }

    /**
     * A pool like the one Spring makes from {@code spring.datasource.*}: every
     * {@code spring.datasource.hikari.*} setting applies to it (timeouts, driver
     * properties), as it does to a pool on a real server.
     */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabase database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl("postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(20);
        return dataSource;
    }

}
