package io.corral.benchmarks;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * What the receptor scale benchmark runs; read like {@link BenchmarkOptions} (shared
 * {@link BenchmarkArguments}): {@code --name=value}, or {@code -Dbenchmark.name=value};
 * options with a dot in their name are Spring properties of the receptor under test.
 *
 * @param instances instances in all, over LRPs of {@code perLrp} each
 * @param perLrp instances of each LRP
 * @param desired LRPs desired through the API; the rest are copies of them made in SQL
 * @param cells cells the instances run on, round robin; one of them is lost
 * @param concurrency concurrent API clients desiring and assigning
 * @param streamRuns timed reads of every instance
 * @param output where the JSON results go
 * @param receptorProperties Spring properties for the receptor under test
 */
public record ScaleOptions(int instances, int perLrp, int desired, int cells, int concurrency, int streamRuns,
        Path output, Map<String, String> receptorProperties) {

    public static final String USAGE = """
            usage: java -jar benchmarks/target/benchmarks.jar receptor-scale [--instances=250000] [--per-lrp=10]
                   [--desired=1000] [--cells=10] [--concurrency=16] [--stream-runs=3]
                   [--output=benchmarks/target/receptor-scale-benchmark.json] [--some.spring.property=value ...]
            --instances must be a multiple of --per-lrp; --desired of those LRPs go through the API, the
            others are copied from them in SQL. Options may also be set as system properties, e.g.
            -Dbenchmark.instances=25000; options with a dot in their name are Spring properties of the
            receptor under test.""";

    private static final Map<String, String> DEFAULTS = Map.of("instances", "250000", "per-lrp", "10", "desired",
            "1000", "cells", "10", "concurrency", "16", "stream-runs", "3", "output",
            "benchmarks/target/receptor-scale-benchmark.json");

    public ScaleOptions {
        BenchmarkArguments.requireAtLeast("per-lrp", perLrp, 1);
        BenchmarkArguments.requireAtLeast("instances", instances, perLrp);
        BenchmarkArguments.requireAtLeast("desired", desired, 1);
        BenchmarkArguments.requireAtLeast("cells", cells, 2);
        BenchmarkArguments.requireAtLeast("concurrency", concurrency, 1);
        BenchmarkArguments.requireAtLeast("stream-runs", streamRuns, 1);
        if (instances % perLrp != 0) {
            throw new IllegalArgumentException("instances: must be a multiple of per-lrp (" + perLrp + ")");
        }
        if (desired > instances / perLrp) {
            throw new IllegalArgumentException("desired: at most instances / per-lrp (" + instances / perLrp + ")");
        }
        receptorProperties = Map.copyOf(receptorProperties);
    }

    public static ScaleOptions parse(String[] args, Properties systemProperties) {
        BenchmarkArguments values = BenchmarkArguments.parse("receptor-scale", DEFAULTS, args, systemProperties);
        return new ScaleOptions(values.integer("instances"), values.integer("per-lrp"), values.integer("desired"),
                values.integer("cells"), values.integer("concurrency"), values.integer("stream-runs"),
                Path.of(values.string("output")), values.springProperties());
    }

    /** LRPs in all, desired and copied. */
    public int lrps() {
        return instances / perLrp;
    }

}
