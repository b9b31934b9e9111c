package io.corral.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.auction.CellSpec;
import io.corral.placement.auction.Resources;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementCheckTest {

    private static final Set<String> CFLINUXFS4 = Set.of(PlacementProblem.CFLINUXFS4);

    /** Zones z1 and z2 have plain cells, z3 only a dmz cell. */
    private final PlacementProblem problem = new PlacementProblem(3, 1,
            List.of(cell("a", "z1", Set.of()), cell("b", "z2", Set.of()), cell("c", "z3", Set.of("dmz"))),
            List.of(new PlacementProblem.Process(0, "web", 4, 512, 1024, PlacementProblem.CFLINUXFS4, Set.of()),
                    new PlacementProblem.Process(1, "secure", 2, 512, 1024, PlacementProblem.CFLINUXFS4,
                            Set.of("dmz"))));

    @Test
    void skewCountsOnlyTheZonesWithAMatchingCell() {
        PlacementCheck.Outcome outcome = PlacementCheck.check(problem,
                List.of(placed(0, "a"), placed(0, "a"), placed(0, "a"), placed(0, "b"), placed(1, "c"), placed(1, "c")),
                0);

        assertThat(outcome.violations()).isZero();
        assertThat(outcome.maxZoneSkew()).isEqualTo(2);
        assertThat(outcome.meanZoneSkew()).isEqualTo(1.0);
    }

    @Test
    void countsPlacementsOnNonMatchingCellsCellsOverCapacityAndLostInstances() {
        PlacementCheck.Outcome outcome = PlacementCheck.check(problem, List.of(placed(0, "c"), placed(0, "a"),
                placed(0, "a"), placed(0, "a"), placed(1, "a"), placed(1, "nowhere")), 0);

        // web on the dmz cell, secure off it, cell a over its 3 containers, a cell nobody
        // knows.
        assertThat(outcome.violations()).isEqualTo(4);
        assertThat(outcome.violationSamples()).anyMatch(s -> s.contains("a over capacity"))
            .anyMatch(s -> s.contains("unknown cell nowhere"))
            .anyMatch(s -> s.contains("web (tags [], "))
            .anyMatch(s -> s.contains("secure (tags [dmz], "));
    }

    @Test
    void countsInstancesNeitherPlacedNorReported() {
        PlacementCheck.Outcome outcome = PlacementCheck.check(problem, List.of(placed(0, "a"), placed(1, "c")), 3);

        assertThat(outcome.violations()).isEqualTo(1);
        assertThat(outcome.violationSamples()).containsExactly("2 placed and 3 unplaced, for 6 instances");
    }

    private static PlacementCheck.Placed placed(int process, String cell) {
        return new PlacementCheck.Placed(process, cell);
    }

    private static CellSpec cell(String id, String zone, Set<String> required) {
        return new CellSpec(id, zone, required, Set.of(), CFLINUXFS4, new Resources(4096, 8192, 3));
    }

}
