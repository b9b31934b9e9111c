package io.corral.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PlacementOptionsTest {

    @Test
    void defaultsToFiveThousandCellsTwoThousandProcessesAHundredThousandInstances() {
        PlacementOptions options = PlacementOptions.parse(new String[] { "placement" }, new Properties());

        assertThat(options.cells()).isEqualTo(5000);
        assertThat(options.zones()).isEqualTo(3);
        assertThat(options.processes()).isEqualTo(2000);
        assertThat(options.instances()).isEqualTo(100_000);
        assertThat(options.seed()).isEqualTo(42);
        assertThat(options.runs()).isEqualTo(3);
        assertThat(options.fenzoSlice()).isZero();
        assertThat(options.fenzoGoodEnough()).isNull();
        assertThat(options.endToEnd()).isTrue();
        assertThat(options.warmUpLrps()).isEqualTo(1000);
        assertThat(options.singleLrps()).isEqualTo(200);
        assertThat(options.singleLrpInstances()).isEqualTo(1);
        assertThat(options.singleLrpPauseMs()).isEqualTo(250);
        assertThat(options.output()).isEqualTo(Path.of("benchmarks/target/placement-benchmark.json"));
        assertThat(options.placementProperties()).isEmpty();
    }

    @Test
    void readsArgumentsOverSystemPropertiesLikeTheReceptorBenchmark() {
        Properties system = new Properties();
        system.setProperty("benchmark.cells", "600");
        system.setProperty("benchmark.seed", "7");

        PlacementOptions options = PlacementOptions.parse(new String[] { "placement", "--cells=1_200",
                "--instances=20,000", "--end-to-end=false", "--fenzo-good-enough=0.5", "--single-lrps=50",
                "--single-lrp-instances=3", "--warm-up-lrps=0", "--corral.placement.batch-size=50" }, system);

        assertThat(options.cells()).isEqualTo(1200);
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.instances()).isEqualTo(20_000);
        assertThat(options.endToEnd()).isFalse();
        assertThat(options.fenzoGoodEnough()).isEqualTo(0.5);
        assertThat(options.singleLrps()).isEqualTo(50);
        assertThat(options.singleLrpInstances()).isEqualTo(3);
        assertThat(options.warmUpLrps()).isZero();
        assertThat(options.placementProperties()).isEqualTo(Map.of("corral.placement.batch-size", "50"));
    }

    @Test
    void refusesUnknownOptionsAndImpossibleProblems() {
        Properties none = new Properties();
        assertThatThrownBy(() -> PlacementOptions.parse(new String[] { "placement", "--lrps=10" }, none))
            .hasMessageContaining("unknown option --lrps");
        assertThatThrownBy(() -> PlacementOptions.parse(new String[] { "placement", "--cells=2" }, none))
            .hasMessageContaining("cells: must be at least 3");
        assertThatThrownBy(() -> PlacementOptions.parse(new String[] { "placement", "--instances=10" }, none))
            .hasMessageContaining("instances: must be at least 2000");
        assertThatThrownBy(() -> PlacementOptions.parse(new String[] { "placement", "--end-to-end=maybe" }, none))
            .hasMessageContaining("end-to-end: not true or false");
        assertThatThrownBy(() -> PlacementOptions.parse(new String[] { "placement", "--single-lrp-instances=0" }, none))
            .hasMessageContaining("single-lrp-instances: must be at least 1");
    }

}
