package io.corral.sshauth.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.testsupport.Eventually;
import io.corral.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The audit on a real database that goes away for a while. */
class AccessAuditTest {

    @Test
    void recordsWrittenWhileTheDatabaseIsAwayAreWrittenWhenItIsBack() {
        DriverManagerDataSource database = new DriverManagerDataSource(TestPostgres.freshDatabase(),
                TestPostgres.user(), TestPostgres.password());
        Flyway.configure().dataSource(database).locations("classpath:db/ssh-auth").load().migrate();
        AtomicBoolean away = new AtomicBoolean(true);
        AtomicInteger refused = new AtomicInteger();
        DelegatingDataSource flaky = new DelegatingDataSource(database) {
            @Override
            public Connection getConnection() throws SQLException {
                if (away.get()) {
                    refused.incrementAndGet();
                    throw new SQLTransientConnectionException("the database is away");
                }
                return super.getConnection();
            }
        };
        JdbcTemplate jdbc = new JdbcTemplate(flaky);
        AccessAudit audit = new AccessAudit(jdbc);
        audit.start();
        try {
            for (int i = 0; i < 3; i++) {
                audit.record(new AccessRecord(Instant.now(), "cf:app/" + i, "user", "user", "10.0.0.1:5000", null, null,
                        null, "invalid_credential", null));
            }
            Eventually.await(Duration.ofSeconds(10), "a refused write", () -> refused.get() >= 2);
            audit.record(new AccessRecord(Instant.now(), "cf:app/3", "user", "user", "10.0.0.1:5000", null, null, null,
                    "invalid_credential", null));
            away.set(false);

            Eventually.await(Duration.ofSeconds(20), "the four records written", () -> count(jdbc) == 4);
            assertThat(jdbc.queryForList("select username from ssh_access_audit order by id", String.class))
                .containsExactly("cf:app/0", "cf:app/1", "cf:app/2", "cf:app/3");
        }
        finally {
            audit.stop();
        }
    }

    private static int count(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from ssh_access_audit", Integer.class);
    }

}
