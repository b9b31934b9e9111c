package io.corral.receptor.lrp;

import static io.corral.receptor.api.ActualLrpState.CLAIMED;
import static io.corral.receptor.api.ActualLrpState.CRASHED;
import static io.corral.receptor.api.ActualLrpState.UNCLAIMED;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.convergence.ConvergenceProperties;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConvergenceRulesTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private static final long SINCE = 1_000_000_000_000L;

    @Test
    void lrpIsOffTargetWhenAnIndexIsMissingOrExtra() {
        assertThat(new IndexCount("web", 3, 3, 0).offTarget()).isFalse();
        assertThat(new IndexCount("web", 0, 0, 0).offTarget()).isFalse();
        assertThat(new IndexCount("web", 3, 2, 0).offTarget()).as("missing index").isTrue();
        assertThat(new IndexCount("web", 3, 3, 1).offTarget()).as("index to retire").isTrue();
        assertThat(new IndexCount("web", 0, 0, 2).offTarget()).as("scaled to zero").isTrue();
    }

    @Test
    void orphanIsRemovedOnlyInAFreshDomain() {
        assertThat(ConvergenceRules.removeOrphan("cf-apps", Set.of("cf-apps", "cf-tasks"))).isTrue();
        assertThat(ConvergenceRules.removeOrphan("cf-apps", Set.of("cf-tasks"))).isFalse();
        assertThat(ConvergenceRules.removeOrphan("cf-apps", Set.of())).isFalse();
    }

    @Test
    void assignedInstanceTimesOutWhenItsCellDoesNotClaimIt() {
        InstanceStatus assigned = status(UNCLAIMED, "cell-a", 0);
        assertThat(ConvergenceRules.placementTimedOut(assigned, SINCE + TIMEOUT.toNanos() - 1, TIMEOUT)).isFalse();
        assertThat(ConvergenceRules.placementTimedOut(assigned, SINCE + TIMEOUT.toNanos(), TIMEOUT)).isTrue();
    }

    @Test
    void onlyAssignedUnclaimedInstancesTimeOut() {
        long late = SINCE + Duration.ofHours(1).toNanos();
        assertThat(ConvergenceRules.placementTimedOut(status(UNCLAIMED, null, 0), late, TIMEOUT))
            .as("not assigned: the placement service's turn")
            .isFalse();
        assertThat(ConvergenceRules.placementTimedOut(status(CLAIMED, "cell-a", 0), late, TIMEOUT))
            .as("claimed: the cell has it")
            .isFalse();
    }

    @Test
    void crashedInstanceRestartsWhenItsWaitIsOver() {
        InstanceStatus fourthCrash = status(CRASHED, null, 4);
        assertThat(ConvergenceRules.restartDue(fourthCrash, SINCE + Duration.ofSeconds(29).toNanos())).isFalse();
        assertThat(ConvergenceRules.restartDue(fourthCrash, SINCE + Duration.ofSeconds(30).toNanos())).isTrue();
        assertThat(ConvergenceRules.restartDue(status(CRASHED, null, 200), SINCE + Duration.ofDays(1).toNanos()))
            .as("given up after 200 crashes")
            .isFalse();
        assertThat(ConvergenceRules.restartDue(status(UNCLAIMED, null, 4), SINCE + Duration.ofDays(1).toNanos()))
            .isFalse();
    }

    @Test
    void defaultsFollowDiego() {
        ConvergenceProperties defaults = new ConvergenceProperties(null, null, null);
        assertThat(defaults.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.placementTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.leaseTtl()).isEqualTo(Duration.ofSeconds(30));
    }

    private static InstanceStatus status(ActualLrpState state, String cellId, int crashes) {
        return new InstanceStatus("guid-1", state, cellId, null, null, null, SINCE, crashes, null,
                ActualLrpPresence.ORDINARY);
    }

}
