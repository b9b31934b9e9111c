package io.corral.receptor.convergence;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorApplication;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.TestPostgres;
import io.corral.testsupport.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two receptor replicas on one database: one converges, the other is a hot standby. */
class ConvergenceFailoverTest {

    private static final Duration LEASE_TTL = Duration.ofSeconds(2);
    /** One TTL for the lease to lapse, one heartbeat (TTL/3) for the standby to notice, and slack for a busy machine. */
    private static final Duration TAKEOVER_LIMIT = LEASE_TTL.plus(LEASE_TTL.dividedBy(3)).plusSeconds(3);

    @Test
    void exactlyOneReplicaLeadsAndTheStandbyTakesOver() {
        List<String> args = replicaArguments(TestPostgres.freshDatabase());
        try (ConfigurableApplicationContext first = boot(args); ConfigurableApplicationContext second = boot(args)) {
            ConvergenceRunner one = first.getBean(ConvergenceRunner.class);
            ConvergenceRunner two = second.getBean(ConvergenceRunner.class);
            Eventually.await(TAKEOVER_LIMIT, "one replica leads", () -> one.isLeader() || two.isLeader());
            assertThat(one.isLeader() && two.isLeader()).as("both lead").isFalse();
            assertThat(one.runOnce().leader() ^ two.runOnce().leader()).as("exactly one converges").isTrue();

            boolean firstLeads = one.isLeader();
            ConvergenceRunner standby = firstLeads ? two : one;
            (firstLeads ? first : second).close();
            Eventually.await(TAKEOVER_LIMIT, "the standby takes over from a leader that shut down",
                    standby::isLeader);

            // A leader that dies leaves its lease behind: the standby waits for it to lapse.
            JdbcTemplate jdbc = (firstLeads ? second : first).getBean(JdbcTemplate.class);
            jdbc.update("UPDATE leases SET holder = 'vanished-replica', expires_at = now() + make_interval(secs => ?)"
                    + " WHERE name = ?", (double) LEASE_TTL.toSeconds(), ConvergenceRunner.LEASE);
            Eventually.await(TAKEOVER_LIMIT, "the standby notices the lease is held elsewhere", () -> !standby.isLeader());
            Eventually.await(TAKEOVER_LIMIT, "the standby takes over once the dead leader's lease lapses",
                    standby::isLeader);
            assertThat(jdbc.queryForObject("SELECT holder FROM leases WHERE name = ?", String.class,
                    ConvergenceRunner.LEASE)).isEqualTo(standby.holderId());
        }
    }

    private static List<String> replicaArguments(String databaseUrl) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + TestPostgres.user(),
                "--spring.datasource.password=" + TestPostgres.password(),
                "--server.port=0",
                "--corral.convergence.interval=1s",
                "--corral.convergence.lease-ttl=" + LEASE_TTL.toSeconds() + "s"));
        TestTokens.register((name, value) -> args.add("--" + name + "=" + value.get()));
        return args;
    }

    private static ConfigurableApplicationContext boot(List<String> args) {
        return new SpringApplicationBuilder(ReceptorApplication.class).run(args.toArray(String[]::new));
    }
}
