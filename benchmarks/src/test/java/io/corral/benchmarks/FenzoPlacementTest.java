package io.corral.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FenzoPlacementTest {

    @Test
    void placesASmallProblemByTheRulesAndBalancedOverZones() {
        PlacementProblem problem = PlacementProblem.generate(60, 3, 20, 400, 42);

        PlacementRun run = FenzoPlacement.run(problem, 100, (done, total) -> {
        });
        PlacementCheck.Outcome outcome = PlacementCheck.check(problem, run.placements(), run.failed());

        assertThat(run.failed()).isZero();
        assertThat(outcome.placed()).isEqualTo(400);
        assertThat(outcome.violations()).isZero();
        assertThat(outcome.maxZoneSkew()).isLessThanOrEqualTo(1);
    }

}
