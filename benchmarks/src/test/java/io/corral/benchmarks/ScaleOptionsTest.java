package io.corral.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ScaleOptionsTest {

    @Test
    void defaultsToTheGoalsQuarterMillionInstancesOnTenCells() {
        ScaleOptions options = ScaleOptions.parse(new String[] { "receptor-scale" }, new Properties());

        assertThat(options.instances()).isEqualTo(250_000);
        assertThat(options.perLrp()).isEqualTo(10);
        assertThat(options.lrps()).isEqualTo(25_000);
        assertThat(options.desired()).isEqualTo(1_000);
        assertThat(options.cells()).isEqualTo(10);
        assertThat(options.streamRuns()).isEqualTo(3);
        assertThat(options.output()).isEqualTo(Path.of("benchmarks/target/receptor-scale-benchmark.json"));
        assertThat(options.receptorProperties()).isEmpty();
    }

    @Test
    void argumentsOverrideSystemPropertiesAndDottedOptionsGoToTheReceptor() {
        Properties system = new Properties();
        system.setProperty("benchmark.instances", "50000");
        system.setProperty("benchmark.cells", "4");

        ScaleOptions options = ScaleOptions.parse(new String[] { "receptor-scale", "--instances=25_000",
                "--desired=100", "--spring.datasource.hikari.maximum-pool-size=20" }, system);

        assertThat(options.instances()).isEqualTo(25_000);
        assertThat(options.lrps()).isEqualTo(2_500);
        assertThat(options.desired()).isEqualTo(100);
        assertThat(options.cells()).isEqualTo(4);
        assertThat(options.receptorProperties()).isEqualTo(Map.of("spring.datasource.hikari.maximum-pool-size", "20"));
    }

    @Test
    void refusesCountsThatDoNotAddUp() {
        Properties none = new Properties();
        assertThatThrownBy(() -> ScaleOptions.parse(new String[] { "--instances=1005" }, none))
            .hasMessageContaining("instances: must be a multiple of per-lrp (10)");
        assertThatThrownBy(() -> ScaleOptions.parse(new String[] { "--instances=1000", "--desired=101" }, none))
            .hasMessageContaining("desired: at most instances / per-lrp (100)");
        assertThatThrownBy(() -> ScaleOptions.parse(new String[] { "--cells=1" }, none))
            .hasMessageContaining("cells: must be at least 2");
        assertThatThrownBy(() -> ScaleOptions.parse(new String[] { "--lrps=10" }, none))
            .hasMessageContaining("unknown option --lrps");
    }

}
