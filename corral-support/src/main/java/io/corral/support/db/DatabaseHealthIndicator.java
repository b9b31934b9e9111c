package io.corral.support.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code database} health check, part of readiness: DOWN while the service cannot get
 * a working connection, UP again as soon as it can. Bounded: borrowing waits at most the
 * pool's connection timeout and the check at most {@code timeout}, so the health endpoint
 * answers even when the database is silent.
 */
public class DatabaseHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(DatabaseHealthIndicator.class);

    private final DataSource dataSource;

    private final int timeoutSeconds;

    private volatile boolean wasUp = true;

    public DatabaseHealthIndicator(DataSource dataSource, Duration timeout) {
        this.dataSource = dataSource;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
    }

    @Override
    public Health health() {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(timeoutSeconds)) {
                return changed(Health.up(), true, null);
            }
            return changed(Health.down(), false, "the connection did not answer within " + timeoutSeconds + " s");
        }
        catch (SQLException e) {
            return changed(Health.down(), false, e.getMessage());
        }
    }

    private Health changed(Health.Builder health, boolean up, String problem) {
        if (up != wasUp) {
            wasUp = up;
            if (up) {
                log.info("the database answers again: ready");
            }
            else {
                log.warn("the database is unreachable, not ready: {}", problem);
            }
        }
        return problem == null ? health.build() : health.withDetail("problem", problem).build();
    }

}
