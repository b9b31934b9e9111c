package io.corral.receptor.lrp;

import static io.corral.testsupport.ApiAssertions.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.convergence.ConvergenceRunner;
import io.corral.receptor.convergence.ConvergenceSummary;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Convergence passes run by hand ({@code runOnce}); the schedule is set too long to
 * interfere.
 */
@TestPropertySource(properties = "corral.convergence.interval=1h")
class LrpConvergenceIntegrationTest extends ReceptorIntegrationTest {

    @Autowired
    ConvergenceRunner convergence;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void stoppedInstanceIsRecreatedUnclaimed() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("web", 3));
        String stoppedGuid = receptor.actualLrp("web", 1).instanceGuid();
        receptor.stopInstance("web", 1);
        assertThat(receptor.actualLrps("web")).extracting(ActualLrp::index).containsExactly(0, 2);

        ConvergenceSummary summary = convergence.runOnce();

        assertThat(summary.leader()).isTrue();
        assertThat(summary.failed()).isEmpty();
        assertThat(summary.changed()).containsEntry("lrp-indices", 1);
        ActualLrp recreated = receptor.actualLrp("web", 1);
        assertThat(recreated.state()).isEqualTo(ActualLrpState.UNCLAIMED);
        assertThat(recreated.instanceGuid()).isNotEqualTo(stoppedGuid);
        assertThat(convergence.runOnce().changed()).as("nothing left to do").containsEntry("lrp-indices", 0);
    }

    @Test
    void aLostCellWithMoreInstancesThanOneBatchHasAllOfThemPlacedAgain() {
        ReceptorClient receptor = receptor();
        int instances = ConvergenceBatches.SIZE * 2 + 100;
        receptor.desireLrp(ApiFixtures.desiredLrp("crowd", instances));
        jdbc.update("UPDATE actual_lrps SET cell_id = 'cell-vanished' WHERE process_guid = 'crowd'");

        ConvergenceSummary summary = convergence.runOnce();

        assertThat(summary.changed()).containsEntry("lrp-lost-cells", instances);
        assertThat(receptor.actualLrps("crowd")).hasSize(instances)
            .allSatisfy(instance -> assertThat(instance.cellId()).isNull());
    }

    @Test
    void indicesAboveTheDesiredCountAreRetired() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("shrunk", 3));
        jdbc.update("UPDATE desired_lrps SET instances = 1 WHERE process_guid = 'shrunk'");

        convergence.runOnce();

        assertThat(receptor.actualLrps("shrunk")).extracting(ActualLrp::index).containsExactly(0);
    }

    @Test
    void instancesOfACellWhoseHeartbeatExpiredAreUnclaimedAgain() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-brief", ApiFixtures.cell("cell-brief", "z1", List.of(), 1));
        receptor.heartbeat("cell-steady", ApiFixtures.cell("cell-steady", "z2", List.of(), 300));
        receptor.desireLrp(ApiFixtures.desiredLrp("stranded", 2));
        ActualLrp lost = ApiFixtures.runInstance(receptor, "cell-brief", "stranded", 0);
        ApiFixtures.runInstance(receptor, "cell-steady", "stranded", 1);

        Eventually.await(Duration.ofSeconds(5), "cell-brief's heartbeat expires",
                () -> receptor.cells().stream().noneMatch(c -> c.cellId().equals("cell-brief")));
        convergence.runOnce();

        ActualLrp replaced = receptor.actualLrp("stranded", 0);
        assertThat(replaced.state()).isEqualTo(ActualLrpState.UNCLAIMED);
        assertThat(replaced.cellId()).isNull();
        assertThat(replaced.address()).isNull();
        assertThat(replaced.instanceGuid()).isNotEqualTo(lost.instanceGuid());
        ActualLrp kept = receptor.actualLrp("stranded", 1);
        assertThat(kept.state()).isEqualTo(ActualLrpState.RUNNING);
        assertThat(kept.cellId()).isEqualTo("cell-steady");
    }

    @Test
    void crashedInstanceIsRestartedOnlyOnceItsWaitHasPassed() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of()));
        receptor.desireLrp(ApiFixtures.desiredLrp("crashy", 1));
        ActualLrp crashed = null;
        for (int crash = 1; crash <= 4; crash++) {
            ActualLrp running = ApiFixtures.runInstance(receptor, "cell-a", "crashy", 0);
            crashed = receptor.transition("cell-a", "crashy", 0, "crash", new InstanceTransition(running.instanceGuid(),
                    running.modificationTag(), null, null, "exit 1", null));
        }
        assertThat(crashed.state()).isEqualTo(ActualLrpState.CRASHED);

        convergence.runOnce();
        assertThat(receptor.actualLrp("crashy", 0)).as("the 30 s wait has not passed").isEqualTo(crashed);

        crashedAgo("crashy", Duration.ofSeconds(31));
        convergence.runOnce();

        ActualLrp restarted = receptor.actualLrp("crashy", 0);
        assertThat(restarted.state()).isEqualTo(ActualLrpState.UNCLAIMED);
        assertThat(restarted.crashCount()).isEqualTo(4);
        assertThat(restarted.instanceGuid()).isNotEqualTo(crashed.instanceGuid());
    }

    @Test
    void instanceCrashedTwoHundredTimesIsNeverRestarted() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("hopeless", 1));
        jdbc.update("UPDATE actual_lrps SET state = 'CRASHED', crash_count = 200 WHERE process_guid = 'hopeless'");
        crashedAgo("hopeless", Duration.ofDays(1));

        convergence.runOnce();

        assertThat(receptor.actualLrp("hopeless", 0).state()).isEqualTo(ActualLrpState.CRASHED);
    }

    @Test
    void orphanedInstancesAreRemovedOnlyOnceTheirDomainIsFresh() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("orphan-fresh", "domain-fresh", 2, List.of()));
        receptor.desireLrp(ApiFixtures.desiredLrp("orphan-stale", "domain-stale", 1, List.of()));
        receptor.upsertDomain("domain-stale", 1);
        Eventually.await(Duration.ofSeconds(5), "domain-stale goes stale",
                () -> !receptor.domains().contains("domain-stale"));
        jdbc.update("DELETE FROM desired_lrps WHERE process_guid IN ('orphan-fresh', 'orphan-stale')");

        convergence.runOnce();
        assertThat(receptor.actualLrps("orphan-fresh")).as("domain not fresh yet").hasSize(2);

        receptor.upsertDomain("domain-fresh", 0);
        convergence.runOnce();

        assertThat(receptor.actualLrps("orphan-fresh")).isEmpty();
        assertThat(receptor.actualLrps("orphan-stale")).hasSize(1);
    }

    @Test
    void instanceNotClaimedWithinThePlacementTimeoutIsPlacedAgain() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-slow", ApiFixtures.cell("cell-slow", "z1", List.of()));
        receptor.desireLrp(ApiFixtures.desiredLrp("unclaimed", 1));
        ActualLrp unclaimed = receptor.actualLrp("unclaimed", 0);
        ActualLrp assigned = receptor.assign("unclaimed", 0,
                new Assignment(unclaimed.instanceGuid(), "cell-slow", null));

        convergence.runOnce();
        assertThat(receptor.actualLrp("unclaimed", 0)).as("within the timeout").isEqualTo(assigned);

        crashedAgo("unclaimed", Duration.ofMinutes(3));
        convergence.runOnce();

        ActualLrp released = receptor.actualLrp("unclaimed", 0);
        assertThat(released.state()).isEqualTo(ActualLrpState.UNCLAIMED);
        assertThat(released.cellId()).isNull();
        assertThat(released.instanceGuid()).isNotEqualTo(assigned.instanceGuid());
        // A late claim of the released instance is refused.
        assertApiError(
                () -> receptor.transition("cell-slow", "unclaimed", 0, "claim", ApiFixtures.transition(assigned)), 409,
                "ResourceConflict");
    }

    /**
     * Moves the instances' last state change into the past, as if that much time had gone
     * by.
     */
    private void crashedAgo(String processGuid, Duration ago) {
        jdbc.update("UPDATE actual_lrps SET since_ns = since_ns - ? WHERE process_guid = ?", ago.toNanos(),
                processGuid);
    }

}
