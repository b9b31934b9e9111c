package io.corral.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellsReportTest {

    private static final InstanceCensus.Outcome ALL_RUNNING = new InstanceCensus.Outcome(2000, 2000, 0, 0, List.of(), 0,
            Map.of("z1", 667L, "z2", 667L, "z3", 666L), 1, 1, 0.5);

    @Test
    void comparesTheRateToAllRunningAndTheRecoveryTimeWithDiegosFigures() {
        CellsReport.Comparison comparison = CellsReport.Comparison
            .of(new CellsOptions.DiegoFigures(200_000, 1000.0, 120.0), 2000, phase(true, 4.0), phase(true, 60.0));

        assertThat(comparison.ourInstancesPerSecond()).isEqualTo(500.0);
        assertThat(comparison.diegoInstancesPerSecond()).isEqualTo(200.0);
        assertThat(comparison.ratePerDiego()).isEqualTo(2.5);
        assertThat(comparison.recoveryPerDiego()).isEqualTo(2.0);
    }

    @Test
    void comparesNothingThatDidNotFinishOrWasNotGiven() {
        CellsReport.Comparison comparison = CellsReport.Comparison.of(new CellsOptions.DiegoFigures(null, null, 120.0),
                2000, phase(true, 4.0), phase(false, 60.0));

        assertThat(comparison.ratePerDiego()).isNull();
        assertThat(comparison.recoveryPerDiego()).isNull();
        assertThat(comparison.ourInstancesPerSecond()).isEqualTo(500.0);
    }

    private static CellsReport.Phase phase(boolean complete, double seconds) {
        return new CellsReport.Phase(complete, seconds, seconds, 3, 0.1, 0, ALL_RUNNING, null);
    }

}
