package io.corral.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void defaultsToTenThousandLrpsOfTenInstancesWithSixteenClients() {
        BenchmarkOptions options = BenchmarkOptions.parse(new String[] { "receptor" }, new Properties());

        assertThat(options.lrps()).isEqualTo(10_000);
        assertThat(options.instances()).isEqualTo(10);
        assertThat(options.totalInstances()).isEqualTo(100_000);
        assertThat(options.concurrency()).isEqualTo(16);
        assertThat(options.pgbenchSeconds()).isEqualTo(30);
        assertThat(options.warmUpLrps()).isEqualTo(1000);
        assertThat(options.warmUpRounds()).isEqualTo(2);
        assertThat(options.client()).isEqualTo("socket");
        assertThat(options.output()).isEqualTo(Path.of("benchmarks/target/receptor-benchmark.json"));
        assertThat(options.receptorProperties()).isEmpty();
    }

    @Test
    void argumentsOverrideSystemPropertiesAndDottedOptionsGoToTheReceptor() {
        Properties system = new Properties();
        system.setProperty("benchmark.lrps", "500");
        system.setProperty("benchmark.concurrency", "4");

        BenchmarkOptions options = BenchmarkOptions.parse(new String[] { "receptor", "--lrps=200",
                "--pgbench-seconds=0", "--client=jdk", "--spring.datasource.hikari.maximum-pool-size=20" }, system);

        assertThat(options.lrps()).isEqualTo(200);
        assertThat(options.concurrency()).isEqualTo(4);
        assertThat(options.pgbenchSeconds()).isZero();
        assertThat(options.client()).isEqualTo("jdk");
        assertThat(options.receptorProperties()).isEqualTo(Map.of("spring.datasource.hikari.maximum-pool-size", "20"));
    }

    @Test
    void acceptsThousandsSeparators() {
        assertThat(BenchmarkOptions.parse(new String[] { "--lrps=10_000" }, new Properties()).lrps()).isEqualTo(10_000);
    }

    @Test
    void refusesUnknownOptionsAndImpossibleCounts() {
        Properties none = new Properties();
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] { "--lprs=10" }, none))
            .hasMessageContaining("unknown option --lprs");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] { "tasks" }, none))
            .hasMessageContaining("unexpected argument 'tasks'");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] { "--concurrency=0" }, none))
            .hasMessageContaining("concurrency: must be at least 1");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] { "--instances=ten" }, none))
            .hasMessageContaining("instances: not a whole number");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] { "--client=netty" }, none))
            .hasMessageContaining("client: socket or jdk, was netty");
    }

}
