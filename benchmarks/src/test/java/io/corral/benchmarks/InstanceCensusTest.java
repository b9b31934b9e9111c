package io.corral.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.api.ActualLrpState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstanceCensusTest {

    /** Two cells a zone in z1..z3; a-1 is the one killed. */
    private static final Map<String, String> ZONES = Map.of("a-1", "z1", "a-2", "z1", "b-1", "z2", "b-2", "z2", "c-1",
            "z3", "c-2", "z3");

    private static final Set<String> KILLED = Set.of("a-1");

    @Test
    void everyIndexRunningOnALiveCellOnceIsAllRunningWithNothingLostOrDuplicated() {
        InstanceCensus.Outcome outcome = census(Map.of("web", 3), running("web", 0, "a-2"), running("web", 1, "b-1"),
                running("web", 2, "c-2"));

        assertThat(outcome.allRunning()).isTrue();
        assertThat(outcome.indices()).isEqualTo(3);
        assertThat(outcome.running()).isEqualTo(3);
        assertThat(outcome.lost()).isZero();
        assertThat(outcome.duplicated()).isZero();
        assertThat(outcome.perZone()).isEqualTo(Map.of("z1", 1L, "z2", 1L, "z3", 1L));
        assertThat(outcome.zoneSkew()).isZero();
        assertThat(outcome.maxAppZoneSkew()).isZero();
    }

    @Test
    void whatTheReceptorStillHoldsRunningOnAKilledCellDoesNotRun() {
        InstanceCensus.Outcome outcome = census(Map.of("web", 2), running("web", 0, "a-1"), running("web", 1, "b-1"));

        assertThat(outcome.allRunning()).isFalse();
        assertThat(outcome.lost()).isEqualTo(1);
        assertThat(outcome.runningOnKilledCells()).isEqualTo(1);
        assertThat(outcome.duplicated()).isZero();
    }

    @Test
    void anIndexWithoutARunningCopyIsLostWhateverStateItsCopyIsIn() {
        InstanceCensus.Outcome outcome = census(Map.of("web", 4), running("web", 0, "b-1"),
                copy("web", 1, null, ActualLrpState.UNCLAIMED, false, false),
                copy("web", 2, "c-1", ActualLrpState.CLAIMED, false, false),
                copy("web", 3, "c-2", ActualLrpState.CRASHED, false, false));

        assertThat(outcome.running()).isEqualTo(1);
        assertThat(outcome.lost()).isEqualTo(3);
    }

    @Test
    void twoRunningCopiesOfAnIndexAreADuplicateWhereverTheyRun() {
        InstanceCensus.Outcome outcome = census(Map.of("web", 2), running("web", 0, "b-1"), running("web", 0, "c-1"),
                running("web", 1, "a-1"), running("web", 1, "a-2"));

        assertThat(outcome.duplicated()).isEqualTo(2);
        assertThat(outcome.duplicateSamples()).containsExactly("web index 0: 2 RUNNING copies",
                "web index 1: 2 RUNNING copies");
        assertThat(outcome.lost()).isZero();
    }

    @Test
    void anEvacuatingOrSuspectCopyBesideItsReplacementIsNoDuplicate() {
        InstanceCensus.Outcome outcome = census(Map.of("web", 2),
                copy("web", 0, "b-1", ActualLrpState.RUNNING, true, false), running("web", 0, "c-1"),
                copy("web", 1, "a-1", ActualLrpState.RUNNING, false, true), running("web", 1, "a-2"));

        assertThat(outcome.duplicated()).isZero();
        assertThat(outcome.allRunning()).isTrue();
        // Only the current copies count towards the zones.
        assertThat(outcome.perZone()).isEqualTo(Map.of("z1", 1L, "z2", 0L, "z3", 1L));
    }

    @Test
    void aSuspectCopyAloneOnALiveCellStillRuns() {
        InstanceCensus.Outcome outcome = census(Map.of("web", 1),
                copy("web", 0, "b-2", ActualLrpState.RUNNING, false, true));

        assertThat(outcome.allRunning()).isTrue();
    }

    @Test
    void zoneSkewIsPerAppAndOverallOverTheZonesWithALiveCell() {
        InstanceCensus.Outcome outcome = census(Map.of("web", 4, "worker", 2), running("web", 0, "a-2"),
                running("web", 1, "a-2"), running("web", 2, "a-2"), running("web", 3, "b-1"),
                running("worker", 0, "c-1"), running("worker", 1, "c-2"));

        assertThat(outcome.perZone()).isEqualTo(Map.of("z1", 3L, "z2", 1L, "z3", 2L));
        assertThat(outcome.zoneSkew()).isEqualTo(2);
        // web: 3, 1, 0; worker: 0, 0, 2.
        assertThat(outcome.maxAppZoneSkew()).isEqualTo(3);
        assertThat(outcome.meanAppZoneSkew()).isEqualTo(2.5);
    }

    @Test
    void aZoneWhoseCellsWereAllKilledIsNoLongerAZoneToSpreadOver() {
        InstanceCensus.Outcome outcome = new InstanceCensus(Map.of("web", 2),
                Map.of("a-1", "z1", "b-1", "z2", "c-1", "z3"), Set.of("a-1"))
            .outcome();

        assertThat(outcome.perZone()).containsOnlyKeys("z2", "z3");
    }

    @Test
    void copiesOfOtherAppsAndOfIndicesAboveTheCountAreNotCounted() {
        InstanceCensus.Outcome outcome = census(Map.of("web", 1), running("web", 0, "b-1"), running("web", 1, "b-2"),
                running("other", 0, "c-1"));

        assertThat(outcome.indices()).isEqualTo(1);
        assertThat(outcome.running()).isEqualTo(1);
        assertThat(outcome.perZone()).isEqualTo(Map.of("z1", 0L, "z2", 1L, "z3", 0L));
    }

    private static InstanceCensus.Outcome census(Map<String, Integer> desired, InstanceCensus.Copy... copies) {
        InstanceCensus census = new InstanceCensus(desired, ZONES, KILLED);
        List.of(copies).forEach(census::add);
        return census.outcome();
    }

    private static InstanceCensus.Copy running(String app, int index, String cell) {
        return copy(app, index, cell, ActualLrpState.RUNNING, false, false);
    }

    private static InstanceCensus.Copy copy(String app, int index, String cell, ActualLrpState state,
            boolean evacuating, boolean suspect) {
        return new InstanceCensus.Copy(app, index, cell, state, evacuating, suspect);
    }

}
