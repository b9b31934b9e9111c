package io.corral.support.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.corral.support.db.PostgresServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Two replicas' loops racing for one lease on a real PostgreSQL, in the table every
 * service's Flyway makes.
 */
class LeaderLoopRaceTest {

    private static final Duration TTL = Duration.ofSeconds(2);

    /**
     * A lapse of the lease, a heartbeat (a third of it) to notice, and slack for a busy
     * machine.
     */
    private static final Duration TAKEOVER_LIMIT = TTL.multipliedBy(2).plusSeconds(8);

    private static final PostgresServer postgres = PostgresServer.machineOrEmbedded();

    private DataSource database;

    private Loop first;

    private Loop second;

    @BeforeEach
    void twoReplicasOnOneDatabase() {
        String name = postgres.freshDatabase("corral_support_test_");
        database = new DriverManagerDataSource(postgres.url(name), postgres.user(), postgres.password());
        new ResourceDatabasePopulator(new ClassPathResource("db/support/R__leases.sql")).execute(database);
        first = new Loop(new Reachable(database));
        second = new Loop(new Reachable(database));
        first.start();
        second.start();
    }

    @AfterEach
    void stopBoth() {
        first.stop();
        second.stop();
    }

    @AfterAll
    static void dropDatabases() {
        postgres.close();
    }

    @Test
    void exactlyOneLeadsAndOnlyTheLeaderRunsPasses() {
        Loop leader = awaitLeader();
        Loop standby = leader == first ? second : first;

        assertThat(standby.isLeader()).as("both lead").isFalse();
        await().atMost(TAKEOVER_LIMIT).until(() -> leader.passes.get() > 0);
        assertThat(standby.runIfLeader(() -> "ran")).isEmpty();
        assertThat(standby.passes).hasValue(0);
    }

    @Test
    void theStandbyTakesOverWhenTheLeaderReleasesTheLease() {
        Loop leader = awaitLeader();
        Loop standby = leader == first ? second : first;

        leader.stop();

        await().atMost(TAKEOVER_LIMIT).until(standby::isLeader);
        assertThat(holder()).isEqualTo(standby.holderId());
    }

    @Test
    void theStandbyTakesOverWhenTheLeadersLeaseExpires() {
        Loop leader = awaitLeader();
        Loop standby = leader == first ? second : first;

        leader.database.cut();

        await().atMost(TAKEOVER_LIMIT).until(standby::isLeader);
        assertThat(leader.isLeader()).as("a leader that cannot renew its lease still leads").isFalse();
        assertThat(holder()).isEqualTo(standby.holderId());
    }

    @Test
    void theMetersShowWhoHoldsTheLeaseAndCountEachTakeover() {
        MeterRegistry firstMeters = new SimpleMeterRegistry();
        MeterRegistry secondMeters = new SimpleMeterRegistry();
        first.bindTo(firstMeters);
        second.bindTo(secondMeters);
        Loop leader = awaitLeader();
        MeterRegistry leaderMeters = leader == first ? firstMeters : secondMeters;
        MeterRegistry standbyMeters = leader == first ? secondMeters : firstMeters;
        Loop standby = leader == first ? second : first;

        assertThat(held(leaderMeters)).isEqualTo(1);
        assertThat(held(standbyMeters)).isZero();
        assertThat(acquisitions(leaderMeters)).isEqualTo(1);
        assertThat(acquisitions(standbyMeters)).isZero();

        leader.stop();
        await().atMost(TAKEOVER_LIMIT).until(standby::isLeader);

        assertThat(held(leaderMeters)).isZero();
        assertThat(held(standbyMeters)).isEqualTo(1);
        // A leader starved of CPU past its lease loses it and takes it back: that is a
        // takeover
        // too, so on a busy machine there can be more than the two counted here.
        assertThat(acquisitions(standbyMeters)).as("the standby's takeovers").isPositive();
        assertThat(acquisitions(leaderMeters) + acquisitions(standbyMeters)).as("leader changes")
            .isGreaterThanOrEqualTo(2);
    }

    private static double held(MeterRegistry meters) {
        return meters.get("corral.lease.held").tag("lease", "race").gauge().value();
    }

    private static double acquisitions(MeterRegistry meters) {
        return meters.get("corral.lease.acquisitions").tag("lease", "race").functionCounter().count();
    }

    private Loop awaitLeader() {
        await().atMost(TAKEOVER_LIMIT).until(() -> first.isLeader() || second.isLeader());
        return first.isLeader() ? first : second;
    }

    private String holder() {
        return new JdbcTemplate(database).queryForObject("SELECT holder FROM leases WHERE name = 'race'", String.class);
    }

    /** A replica's loop, counting its passes. */
    private static final class Loop extends LeaderLoop {

        final Reachable database;

        final AtomicInteger passes = new AtomicInteger();

        Loop(Reachable database) {
            super(new JdbcTemplate(database), "race", TTL, Duration.ofMillis(200));
            this.database = database;
        }

        @Override
        protected void pass() {
            passes.incrementAndGet();
        }

    }

    /** The database as one replica reaches it, until the network between them is cut. */
    private static final class Reachable extends DelegatingDataSource {

        private volatile boolean cut;

        Reachable(DataSource database) {
            super(database);
        }

        void cut() {
            cut = true;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (cut) {
                throw new SQLTransientConnectionException("the database is unreachable");
            }
            return super.getConnection();
        }

    }

}
