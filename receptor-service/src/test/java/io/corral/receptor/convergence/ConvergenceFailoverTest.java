package io.corral.receptor.convergence;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorApplication;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TestPostgres;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two receptor replicas on one database: one converges, the other is a hot standby. */
class ConvergenceFailoverTest {

    private static final Duration LEASE_TTL = Duration.ofSeconds(2);

    /**
     * One TTL for the lease to lapse, one heartbeat (TTL/3) for the standby to notice,
     * and slack for a busy machine.
     */
    private static final Duration TAKEOVER_LIMIT = LEASE_TTL.plus(LEASE_TTL.dividedBy(3)).plusSeconds(3);

    @Test
    void exactlyOneReplicaLeadsAndTheStandbyTakesOver() {
        Map<String, String> settings = new HashMap<>(TestPostgres.freshDataSource());
        settings.put("corral.convergence.interval", "1s");
        settings.put("corral.convergence.lease-ttl", LEASE_TTL.toSeconds() + "s");
        try (ServiceUnderTest first = ServiceUnderTest.start(ReceptorApplication.SERVICE, settings);
                ServiceUnderTest second = ServiceUnderTest.start(ReceptorApplication.SERVICE, settings)) {
            ConvergenceRunner one = first.bean(ConvergenceRunner.class);
            ConvergenceRunner two = second.bean(ConvergenceRunner.class);
            Eventually.await(TAKEOVER_LIMIT, "one replica leads", () -> one.isLeader() || two.isLeader());
            assertThat(one.isLeader() && two.isLeader()).as("both lead").isFalse();
            assertThat(one.runOnce().leader() ^ two.runOnce().leader()).as("exactly one converges").isTrue();

            boolean firstLeads = one.isLeader();
            ConvergenceRunner standby = firstLeads ? two : one;
            (firstLeads ? first : second).close();
            Eventually.await(TAKEOVER_LIMIT, "the standby takes over from a leader that shut down", standby::isLeader);

            // A leader that dies leaves its lease behind: the standby waits for it to
            // lapse.
            JdbcTemplate jdbc = (firstLeads ? second : first).bean(JdbcTemplate.class);
            jdbc.update("UPDATE leases SET holder = 'vanished-replica', expires_at = now() + make_interval(secs => ?)"
                    + " WHERE name = ?", (double) LEASE_TTL.toSeconds(), ConvergenceRunner.LEASE);
            Eventually.await(TAKEOVER_LIMIT, "the standby notices the lease is held elsewhere",
                    () -> !standby.isLeader());
            Eventually.await(TAKEOVER_LIMIT, "the standby takes over once the dead leader's lease lapses",
                    standby::isLeader);
            assertThat(jdbc.queryForObject("SELECT holder FROM leases WHERE name = ?", String.class,
                    ConvergenceRunner.LEASE))
                .isEqualTo(standby.holderId());
        }
    }

}
