package io.corral.support.db;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded PostgreSQL of the development default.
 *
 * @param enabled start a PostgreSQL in-process instead of connecting to
 * {@code spring.datasource.url}
 * @param dataDirectory where its data lives; kept across restarts, so nothing is lost on
 * a restart
 * @param port the port it listens on, so the other services of one machine can share it
 */
@Validated
@ConfigurationProperties("corral.embedded-postgres")
public record EmbeddedPostgresProperties(boolean enabled, Path dataDirectory, @Min(1) @Max(65535) Integer port) {

    public EmbeddedPostgresProperties {
        dataDirectory = dataDirectory == null ? Path.of(".corral", "postgres") : dataDirectory;
        port = port == null ? 15432 : port;
    }
}
