package io.corral.receptor.lrp;

import static io.corral.receptor.api.ActualLrpPresence.ORDINARY;
import static io.corral.receptor.api.ActualLrpPresence.SUSPECT;
import static io.corral.receptor.api.ActualLrpState.CLAIMED;
import static io.corral.receptor.api.ActualLrpState.CRASHED;
import static io.corral.receptor.api.ActualLrpState.RUNNING;
import static io.corral.receptor.api.ActualLrpState.UNCLAIMED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.receptor.common.IllegalTransitionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InstanceLifecycleTest {

    private static final String PORTS = "[{\"container_port\":8080,\"host_port\":61000}]";

    private final AtomicInteger guids = new AtomicInteger();

    private final InstanceLifecycle lifecycle = new InstanceLifecycle(() -> "guid-" + guids.incrementAndGet());

    @Test
    void instanceIsAssignedClaimedAndStartedOnItsCell() {
        InstanceStatus unclaimed = lifecycle.unclaimed(1);
        InstanceStatus assigned = lifecycle.assign(unclaimed, "cell-a", 2);
        InstanceStatus claimed = lifecycle.claim(assigned, "cell-a", 3);
        InstanceStatus running = lifecycle.start(claimed, "cell-a", "10.0.0.1", PORTS, 4);

        assertThat(unclaimed.state()).isEqualTo(UNCLAIMED);
        assertThat(assigned.cellId()).isEqualTo("cell-a");
        assertThat(claimed.state()).isEqualTo(CLAIMED);
        assertThat(running.state()).isEqualTo(RUNNING);
        assertThat(running.address()).isEqualTo("10.0.0.1");
        assertThat(running.sinceNs()).isEqualTo(4);
        assertThat(running.instanceGuid()).isEqualTo(unclaimed.instanceGuid());
    }

    @Test
    void repeatedStepsChangeNothing() {
        InstanceStatus assigned = lifecycle.assign(lifecycle.unclaimed(1), "cell-a", 2);
        assertThat(lifecycle.assign(assigned, "cell-a", 9)).isSameAs(assigned);
        InstanceStatus claimed = lifecycle.claim(assigned, "cell-a", 3);
        assertThat(lifecycle.claim(claimed, "cell-a", 9)).isSameAs(claimed);
        InstanceStatus running = lifecycle.start(claimed, "cell-a", "10.0.0.1", PORTS, 4);
        assertThat(lifecycle.start(running, "cell-a", "10.0.0.1", PORTS, 9)).isSameAs(running);
    }

    @Test
    void onlyTheAssignedCellMayClaimOrStart() {
        InstanceStatus assigned = lifecycle.assign(lifecycle.unclaimed(1), "cell-a", 2);
        assertThatThrownBy(() -> lifecycle.claim(assigned, "cell-b", 3)).isInstanceOf(IllegalTransitionException.class)
            .hasMessageContaining("cell-b");
        assertThatThrownBy(() -> lifecycle.start(assigned, "cell-b", "10.0.0.1", PORTS, 3))
            .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> lifecycle.claim(lifecycle.unclaimed(1), "cell-a", 3))
            .as("an unassigned instance cannot be claimed")
            .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> lifecycle.assign(assigned, "cell-b", 3))
            .as("an assigned instance is not assigned elsewhere")
            .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void firstThreeCrashesRestartAsNewIncarnationsTheFourthStaysCrashed() {
        InstanceStatus s = lifecycle.unclaimed(1);
        for (int crash = 1; crash <= 3; crash++) {
            InstanceStatus running = runOnCellA(s);
            s = lifecycle.crash(running, "cell-a", "exit 1", 10 + crash);
            assertThat(s.state()).isEqualTo(UNCLAIMED);
            assertThat(s.cellId()).isNull();
            assertThat(s.crashCount()).isEqualTo(crash);
            assertThat(s.instanceGuid()).isNotEqualTo(running.instanceGuid());
        }
        InstanceStatus crashed = lifecycle.crash(runOnCellA(s), "cell-a", "exit 2", 20);
        assertThat(crashed.state()).isEqualTo(CRASHED);
        assertThat(crashed.crashCount()).isEqualTo(4);
        assertThat(crashed.crashReason()).isEqualTo("exit 2");
        assertThat(crashed.sinceNs()).isEqualTo(20);
    }

    @Test
    void crashedInstanceRestartsOnlyOnceItsWaitIsOver() {
        InstanceStatus crashed = crashedTimes(4, 100);
        long due = 100 + Duration.ofSeconds(30).toNanos();
        assertThatThrownBy(() -> lifecycle.restart(crashed, due - 1)).isInstanceOf(IllegalTransitionException.class);

        InstanceStatus restarted = lifecycle.restart(crashed, due);
        assertThat(restarted.state()).isEqualTo(UNCLAIMED);
        assertThat(restarted.crashCount()).isEqualTo(4);
        assertThat(restarted.instanceGuid()).isNotEqualTo(crashed.instanceGuid());
        assertThatThrownBy(() -> lifecycle.restart(restarted, due)).as("only a CRASHED instance restarts")
            .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void crashOrFailNeedsTheInstanceOnTheReportingCell() {
        InstanceStatus unclaimed = lifecycle.unclaimed(1);
        assertThatThrownBy(() -> lifecycle.crash(unclaimed, "cell-a", "boom", 2))
            .isInstanceOf(IllegalTransitionException.class);
        InstanceStatus crashed = crashedTimes(4, 100);
        assertThatThrownBy(() -> lifecycle.crash(crashed, "cell-a", "again", 200))
            .isInstanceOf(IllegalTransitionException.class);
        InstanceStatus running = runOnCellA(unclaimed);
        assertThatThrownBy(() -> lifecycle.fail(running, "cell-a", "no disk", 3))
            .as("a running instance is not failed, it crashes")
            .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void failedPlacementGoesBackUnassignedWithTheReason() {
        InstanceStatus claimed = lifecycle.claim(lifecycle.assign(lifecycle.unclaimed(1), "cell-a", 2), "cell-a", 3);
        InstanceStatus failed = lifecycle.fail(claimed, "cell-a", "rootfs missing", 4);
        assertThat(failed.state()).isEqualTo(UNCLAIMED);
        assertThat(failed.cellId()).isNull();
        assertThat(failed.placementError()).isEqualTo("rootfs missing");
        assertThat(failed.instanceGuid()).isNotEqualTo(claimed.instanceGuid());
    }

    @Test
    void lostCellReleasesAnInstanceNotRunningThereYet() {
        InstanceStatus assigned = lifecycle.assign(lifecycle.unclaimed(1), "cell-a", 2);
        InstanceStatus claimed = lifecycle.claim(lifecycle.assign(lifecycle.unclaimed(1), "cell-a", 2), "cell-a", 3);
        for (InstanceStatus onCell : new InstanceStatus[] { assigned, claimed }) {
            InstanceStatus released = lifecycle.cellLost(onCell, 50);
            assertThat(released.state()).isEqualTo(UNCLAIMED);
            assertThat(released.cellId()).isNull();
            assertThat(released.address()).isNull();
            assertThat(released.instanceGuid()).isNotEqualTo(onCell.instanceGuid());
            assertThat(released.presence()).isEqualTo(ORDINARY);
        }
        assertThatThrownBy(() -> lifecycle.cellLost(lifecycle.unclaimed(1), 50))
            .as("an instance on no cell has no cell to lose")
            .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aRunningInstanceOfALostCellBecomesSuspectAndRunsOnAsItWas() {
        InstanceStatus running = runOnCellA(lifecycle.unclaimed(1));

        InstanceStatus suspect = lifecycle.cellLost(running, 50);

        assertThat(suspect.presence()).isEqualTo(SUSPECT);
        assertThat(suspect).isEqualTo(new InstanceStatus(running.instanceGuid(), RUNNING, "cell-a", "10.0.0.1", PORTS,
                null, running.sinceNs(), running.crashCount(), running.crashReason(), SUSPECT));
        assertThat(lifecycle.ends(suspect)).isFalse();
        assertThat(lifecycle.cellLost(suspect, 60)).as("its cell still gone").isSameAs(suspect);
        assertThat(lifecycle.start(suspect, "cell-a", "10.0.0.1", PORTS, 9)).as("a repeated start").isSameAs(suspect);
    }

    @Test
    void aSuspectIsNeitherStartedAnewNorClaimedNorFailedNorAssignedNorEvacuated() {
        InstanceStatus suspect = lifecycle.cellLost(runOnCellA(lifecycle.unclaimed(1)), 5);

        assertThatThrownBy(() -> lifecycle.start(suspect, "cell-a", "10.0.0.2", PORTS, 5))
            .isInstanceOf(IllegalTransitionException.class)
            .hasMessageContaining("cannot start it anew");
        assertThatThrownBy(() -> lifecycle.claim(suspect, "cell-a", 5)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> lifecycle.fail(suspect, "cell-a", "no disk", 5))
            .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> lifecycle.assign(suspect, "cell-b", 5)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> lifecycle.evacuate(suspect)).isInstanceOf(IllegalTransitionException.class)
            .hasMessageContaining("cannot evacuate it")
            .hasMessageContaining("is suspect, RUNNING on cell cell-a");
    }

    @Test
    void aSuspectThatCrashesEndsInsteadOfRestarting() {
        InstanceStatus suspect = lifecycle.cellLost(runOnCellA(lifecycle.unclaimed(1)), 5);

        InstanceStatus crashed = lifecycle.crash(suspect, "cell-a", "exit 1", 6);

        assertThat(crashed.state()).as("not restarted, though it is a first crash").isEqualTo(CRASHED);
        assertThat(crashed.instanceGuid()).isEqualTo(suspect.instanceGuid());
        assertThat(lifecycle.ends(crashed)).isTrue();
    }

    @Test
    void aSuspectReturnsWithItsCellUnlessItsReplacementRuns() {
        InstanceStatus suspect = lifecycle.cellLost(runOnCellA(lifecycle.unclaimed(1)), 5);
        InstanceStatus replacement = lifecycle.unclaimed(6);
        InstanceStatus assigned = lifecycle.assign(replacement, "cell-b", 7);
        InstanceStatus claimed = lifecycle.claim(assigned, "cell-b", 8);

        assertThat(lifecycle.suspectReturns(null)).as("no current instance").isTrue();
        for (InstanceStatus notRunning : new InstanceStatus[] { replacement, assigned, claimed }) {
            assertThat(lifecycle.suspectReturns(notRunning)).isTrue();
        }
        assertThat(lifecycle.suspectReturns(lifecycle.start(claimed, "cell-b", "10.0.0.2", PORTS, 9))).isFalse();

        InstanceStatus returned = lifecycle.cellReturned(suspect);
        assertThat(returned.presence()).isEqualTo(ORDINARY);
        assertThat(returned.withPresence(SUSPECT)).as("nothing else changes").isEqualTo(suspect);
        assertThatThrownBy(() -> lifecycle.cellReturned(returned)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void evacuatingInstanceRunsOnWhereItIs() {
        InstanceStatus running = runOnCellA(lifecycle.unclaimed(1));
        InstanceStatus evacuating = lifecycle.evacuate(running);

        assertThat(evacuating.evacuating()).isTrue();
        assertThat(evacuating.state()).isEqualTo(RUNNING);
        assertThat(evacuating.instanceGuid()).isEqualTo(running.instanceGuid());
        assertThat(evacuating.cellId()).isEqualTo("cell-a");
        assertThat(evacuating.address()).isEqualTo("10.0.0.1");
        assertThat(evacuating.ports()).isEqualTo(PORTS);
        assertThat(lifecycle.ends(evacuating)).isFalse();
        assertThat(lifecycle.start(evacuating, "cell-a", "10.0.0.1", PORTS, 9)).as("a repeated start")
            .isSameAs(evacuating);
    }

    @Test
    void onlyARunningInstanceThatIsNotEvacuatingAlreadyIsEvacuated() {
        InstanceStatus unclaimed = lifecycle.unclaimed(1);
        InstanceStatus claimed = lifecycle.claim(lifecycle.assign(unclaimed, "cell-a", 2), "cell-a", 3);
        InstanceStatus evacuating = lifecycle.evacuate(runOnCellA(lifecycle.unclaimed(1)));

        for (InstanceStatus notRunning : new InstanceStatus[] { unclaimed, claimed, crashedTimes(4, 100) }) {
            assertThatThrownBy(() -> lifecycle.evacuate(notRunning)).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("cannot evacuate it");
        }
        assertThatThrownBy(() -> lifecycle.evacuate(evacuating)).isInstanceOf(IllegalTransitionException.class)
            .hasMessageContaining("is evacuating, RUNNING on cell cell-a");
    }

    @Test
    void evacuatingInstanceIsNeitherStartedAnewNorClaimedNorFailed() {
        InstanceStatus evacuating = lifecycle.evacuate(runOnCellA(lifecycle.unclaimed(1)));

        assertThatThrownBy(() -> lifecycle.start(evacuating, "cell-a", "10.0.0.2", PORTS, 5))
            .isInstanceOf(IllegalTransitionException.class)
            .hasMessageContaining("cannot start it anew");
        assertThatThrownBy(() -> lifecycle.claim(evacuating, "cell-a", 5))
            .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> lifecycle.fail(evacuating, "cell-a", "no disk", 5))
            .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> lifecycle.assign(evacuating, "cell-b", 5))
            .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void evacuatingInstanceEndsWhenItCrashesOrLosesItsCellInsteadOfBeingPlacedAgain() {
        InstanceStatus evacuating = lifecycle.evacuate(runOnCellA(lifecycle.unclaimed(1)));

        InstanceStatus crashed = lifecycle.crash(evacuating, "cell-a", "exit 1", 5);
        assertThat(crashed.state()).as("not restarted, though it is a first crash").isEqualTo(CRASHED);
        assertThat(crashed.instanceGuid()).isEqualTo(evacuating.instanceGuid());
        assertThat(lifecycle.ends(crashed)).isTrue();
        assertThat(lifecycle.ends(lifecycle.cellLost(evacuating, 5))).isTrue();

        InstanceStatus running = runOnCellA(lifecycle.unclaimed(1));
        assertThat(lifecycle.ends(lifecycle.crash(running, "cell-a", "exit 1", 5))).as("restarted").isFalse();
        assertThat(lifecycle.ends(crashedTimes(4, 100))).as("crashed, waiting for its restart").isFalse();
        assertThat(lifecycle.ends(lifecycle.cellLost(running, 5))).as("suspect").isFalse();
    }

    @Test
    void aRunningReplacementRetiresTheEvacuatingOrSuspectInstance() {
        InstanceStatus replacement = lifecycle.unclaimed(1);
        InstanceStatus claimed = lifecycle.claim(lifecycle.assign(replacement, "cell-b", 2), "cell-b", 3);

        assertThat(lifecycle.replacesStandIn(replacement)).isFalse();
        assertThat(lifecycle.replacesStandIn(claimed)).isFalse();
        assertThat(lifecycle.replacesStandIn(lifecycle.start(claimed, "cell-b", "10.0.0.2", PORTS, 4))).isTrue();
        assertThat(lifecycle.replacesStandIn(lifecycle.evacuate(runOnCellA(lifecycle.unclaimed(1)))))
            .as("the evacuating instance itself")
            .isFalse();
        assertThat(lifecycle.replacesStandIn(lifecycle.cellLost(runOnCellA(lifecycle.unclaimed(1)), 5)))
            .as("the suspect instance itself")
            .isFalse();
    }

    private InstanceStatus runOnCellA(InstanceStatus unclaimed) {
        InstanceStatus claimed = lifecycle.claim(lifecycle.assign(unclaimed, "cell-a", 2), "cell-a", 3);
        return lifecycle.start(claimed, "cell-a", "10.0.0.1", PORTS, 4);
    }

    private InstanceStatus crashedTimes(int crashes, long lastCrashNs) {
        InstanceStatus s = lifecycle.unclaimed(1);
        for (int crash = 1; crash < crashes; crash++) {
            s = lifecycle.crash(runOnCellA(s), "cell-a", "exit 1", 5);
        }
        return lifecycle.crash(runOnCellA(s), "cell-a", "exit 1", lastCrashNs);
    }

}
