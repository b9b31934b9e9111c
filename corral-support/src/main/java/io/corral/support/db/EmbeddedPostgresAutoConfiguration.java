package io.corral.support.db;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Runs PostgreSQL in-process for the zero set-up default; production points at a real
 * server.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnProperty("corral.embedded-postgres.enabled")
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
public class EmbeddedPostgresAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);

    private static final String APPLICATION_NAME = "spring.datasource.hikari.data-source-properties.ApplicationName";

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
            .setDataDirectory(properties.dataDirectory())
            .setCleanDataDirectory(false)
            .setPort(properties.port())
            .start();
        log.info("embedded PostgreSQL listening on port {} with data in {}", properties.port(),
                properties.dataDirectory().toAbsolutePath());
        return postgres;
    }

    /**
     * A pool like the one Spring makes from {@code spring.datasource.*}, naming its
     * connections alike.
     */
    @Bean
    DataSource dataSource(EmbeddedPostgres postgres, Environment environment) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        String applicationName = environment.getProperty(APPLICATION_NAME);
        if (applicationName != null) {
            dataSource.addDataSourceProperty("ApplicationName", applicationName);
        }
        dataSource.setMaximumPoolSize(20);
        return dataSource;
    }

}
