package io.corral.support.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.corral.support.FreePorts;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

class EmbeddedPostgresPoolTest {

    @TempDir
    Path dataDirectory;

    @Test
    void thePoolOfTheEmbeddedDatabaseTakesEverySpringDatasourceHikariSetting() throws IOException {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class))
            .withPropertyValues("corral.embedded-postgres.enabled=true",
                    "corral.embedded-postgres.data-directory=" + dataDirectory,
                    "corral.embedded-postgres.port=" + FreePorts.pick(),
                    "spring.datasource.hikari.connection-timeout=1000",
                    "spring.datasource.hikari.data-source-properties.ApplicationName=corral-pool-test",
                    "spring.datasource.hikari.data-source-properties.reWriteBatchedInserts=true")
            .run(context -> {
                HikariDataSource pool = context.getBean(HikariDataSource.class);
                assertThat(pool.getConnectionTimeout()).isEqualTo(1000);
                assertThat(pool.getMaximumPoolSize()).as("unless set").isEqualTo(20);
                assertThat(pool.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true");
                assertThat(new JdbcTemplate(pool).queryForObject("SHOW application_name", String.class))
                    .isEqualTo("corral-pool-test");
            });
    }

}
