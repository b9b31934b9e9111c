package io.corral.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CellsOptionsTest {

    private static final Properties NONE = new Properties();

    @Test
    void defaultsToFiveHundredCellsInThreeZonesAndFiftyThousandInstancesTenPercentKilled() {
        CellsOptions options = CellsOptions.parse(new String[] { "cells" }, NONE);

        assertThat(options.cells()).isEqualTo(500);
        assertThat(options.zones()).isEqualTo(3);
        assertThat(options.apps()).isEqualTo(500);
        assertThat(options.instances()).isEqualTo(50_000);
        assertThat(options.cellsToKill()).isEqualTo(50);
        assertThat(options.ttlSeconds()).isEqualTo(30);
        assertThat(options.reconcileSeconds()).isEqualTo(30);
        assertThat(options.startDelayMs()).isZero();
        assertThat(options.diego()).isEqualTo(new CellsOptions.DiegoFigures(null, null, null));
        assertThat(options.output()).isEqualTo(Path.of("benchmarks/target/cells-benchmark.json"));
        assertThat(options.springProperties()).isEmpty();
    }

    @Test
    void aSmallRunWithItsOwnTtlAndTheServicesSettings() {
        Properties system = new Properties();
        system.setProperty("benchmark.seed", "7");

        CellsOptions options = CellsOptions.parse(new String[] { "cells", "--cells=50", "--apps=20",
                "--instances=2,000", "--kill-fraction=0.2", "--ttl-seconds=5", "--diego-instances=200_000",
                "--diego-seconds-to-running=600", "--corral.convergence.interval=2s" }, system);

        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.cellsToKill()).isEqualTo(10);
        assertThat(options.ttlSeconds()).isEqualTo(5);
        assertThat(options.diego()).isEqualTo(new CellsOptions.DiegoFigures(200_000, 600.0, null));
        assertThat(options.springProperties()).isEqualTo(Map.of("corral.convergence.interval", "2s"));
    }

    @Test
    void sharesTheInstancesOutEvenlyOverTheApps() {
        CellsOptions options = CellsOptions.parse(new String[] { "cells", "--apps=3", "--instances=11" }, NONE);

        assertThat(options.instancesOf(0)).isEqualTo(4);
        assertThat(options.instancesOf(1)).isEqualTo(4);
        assertThat(options.instancesOf(2)).isEqualTo(3);
    }

    @Test
    void killsAtLeastOneCellAndNeverAll() {
        assertThat(CellsOptions
            .parse(new String[] { "cells", "--cells=5", "--instances=500", "--apps=5", "--kill-fraction=0.01" }, NONE)
            .cellsToKill()).isEqualTo(1);
        assertThatThrownBy(() -> CellsOptions
            .parse(new String[] { "cells", "--cells=3", "--instances=3", "--apps=3", "--kill-fraction=0.9" }, NONE))
            .hasMessageContaining("kills them all");
    }

    @Test
    void refusesWhatCannotRunOrMeansNothing() {
        assertThatThrownBy(
                () -> CellsOptions.parse(new String[] { "cells", "--cells=10", "--instances=2500", "--apps=10" }, NONE))
            .hasMessageContaining("instances: at most 2250 fit in the cells left after the kill");
        assertThatThrownBy(() -> CellsOptions.parse(new String[] { "cells", "--kill-fraction=0" }, NONE))
            .hasMessageContaining("kill-fraction: more than 0 and less than 1");
        assertThatThrownBy(() -> CellsOptions.parse(new String[] { "cells", "--ttl-seconds=2" }, NONE))
            .hasMessageContaining("ttl-seconds: must be at least 3");
        assertThatThrownBy(() -> CellsOptions.parse(new String[] { "cells", "--diego-instances=200000" }, NONE))
            .hasMessageContaining("give both or neither");
        assertThatThrownBy(() -> CellsOptions.parse(new String[] { "cells", "--lrps=10" }, NONE))
            .hasMessageContaining("unknown option --lrps");
    }

}
