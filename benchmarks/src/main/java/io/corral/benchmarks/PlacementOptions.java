package io.corral.benchmarks;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * What the placement benchmark measures; read like {@link BenchmarkOptions} (shared
 * {@link BenchmarkArguments}): {@code --name=value}, or {@code -Dbenchmark.name=value};
 * options with a dot in their name are Spring properties of the placement service under
 * test.
 *
 * @param cells cells of the generated problem
 * @param zones zones the cells are spread over
 * @param processes processes (desired LRPs)
 * @param instances instances of all processes together
 * @param seed the generator's seed: the same options always give the same problem
 * @param runs timed runs of each algorithm; the median is reported
 * @param fenzoSlice run Fenzo (and ours beside it) on 1/N of the problem; 0 picks N so
 * that one Fenzo run is estimated to take at most {@code fenzoMaxSeconds}; 1 is the whole
 * problem
 * @param fenzoMaxSeconds the budget of one timed Fenzo run when the slice is picked
 * @param fenzoBatch tasks per {@code TaskScheduler.scheduleOnce} call
 * @param fenzoGoodEnough Fenzo takes the first cell whose fitness is above this, instead
 * of trying every cell for every task; null (option {@code none}) keeps Fenzo's default,
 * which tries every cell
 * @param endToEnd whether to run the end-to-end part (receptor and placement service)
 * @param concurrency concurrent API clients desiring LRPs and heartbeating cells end to
 * end
 * @param endToEndStallSeconds give up end to end once no instance was assigned for this
 * long
 * @param warmUpLrps processes of the problem desired under other guids, placed and
 * removed before end to end is timed, so that it times services the JIT has compiled; 0
 * times cold services
 * @param singleLrps LRPs desired one at a time after end to end, each timed from its
 * desire to its instances' assignment; 0 skips them
 * @param singleLrpInstances instances of each of those LRPs
 * @param singleLrpPauseMs the pause after one single LRP got its cells before the next is
 * desired
 * @param output where the JSON results go
 * @param placementProperties Spring properties for the placement service under test
 */
public record PlacementOptions(int cells, int zones, int processes, int instances, long seed, int runs, int fenzoSlice,
        int fenzoMaxSeconds, int fenzoBatch, Double fenzoGoodEnough, boolean endToEnd, int concurrency,
        int endToEndStallSeconds, int warmUpLrps, int singleLrps, int singleLrpInstances, int singleLrpPauseMs,
        Path output, Map<String, String> placementProperties) {

    public static final String USAGE = """
            usage: java -jar benchmarks/target/benchmarks.jar placement [--cells=5000] [--zones=3]
                   [--processes=2000] [--instances=100000] [--seed=42] [--runs=3]
                   [--fenzo-slice=0] [--fenzo-max-seconds=120] [--fenzo-batch=1000] [--fenzo-good-enough=none]
                   [--end-to-end=true] [--concurrency=16] [--end-to-end-stall-seconds=180] [--warm-up-lrps=1000]
                   [--single-lrps=200] [--single-lrp-instances=1] [--single-lrp-pause-ms=250]
                   [--output=benchmarks/target/placement-benchmark.json] [--some.spring.property=value ...]
            --instances is the total over all processes. --fenzo-slice=N runs Fenzo on 1/N of the problem
            (0: the smallest N whose run is estimated to fit --fenzo-max-seconds). Options may also be set as
            system properties, e.g. -Dbenchmark.cells=500; options with a dot in their name are Spring
            properties of the placement service under test.""";

    private static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry("cells", "5000"),
            Map.entry("zones", "3"), Map.entry("processes", "2000"), Map.entry("instances", "100000"),
            Map.entry("seed", "42"), Map.entry("runs", "3"), Map.entry("fenzo-slice", "0"),
            Map.entry("fenzo-max-seconds", "120"), Map.entry("fenzo-batch", "1000"),
            Map.entry("fenzo-good-enough", "none"), Map.entry("end-to-end", "true"), Map.entry("concurrency", "16"),
            Map.entry("end-to-end-stall-seconds", "180"), Map.entry("warm-up-lrps", "1000"),
            Map.entry("single-lrps", "200"), Map.entry("single-lrp-instances", "1"),
            Map.entry("single-lrp-pause-ms", "250"), Map.entry("output", "benchmarks/target/placement-benchmark.json"));

    public PlacementOptions {
        BenchmarkArguments.requireAtLeast("zones", zones, 1);
        BenchmarkArguments.requireAtLeast("cells", cells, zones);
        BenchmarkArguments.requireAtLeast("processes", processes, 1);
        BenchmarkArguments.requireAtLeast("instances", instances, processes);
        BenchmarkArguments.requireAtLeast("runs", runs, 1);
        BenchmarkArguments.requireAtLeast("fenzo-slice", fenzoSlice, 0);
        BenchmarkArguments.requireAtLeast("fenzo-max-seconds", fenzoMaxSeconds, 1);
        BenchmarkArguments.requireAtLeast("fenzo-batch", fenzoBatch, 1);
        BenchmarkArguments.requireAtLeast("concurrency", concurrency, 1);
        if (fenzoGoodEnough != null && !(fenzoGoodEnough >= 0 && fenzoGoodEnough <= 1)) {
            throw new IllegalArgumentException("fenzo-good-enough: a fitness from 0 to 1, or none");
        }
        BenchmarkArguments.requireAtLeast("end-to-end-stall-seconds", endToEndStallSeconds, 1);
        BenchmarkArguments.requireAtLeast("warm-up-lrps", warmUpLrps, 0);
        BenchmarkArguments.requireAtLeast("single-lrps", singleLrps, 0);
        BenchmarkArguments.requireAtLeast("single-lrp-instances", singleLrpInstances, 1);
        BenchmarkArguments.requireAtLeast("single-lrp-pause-ms", singleLrpPauseMs, 0);
        placementProperties = Map.copyOf(placementProperties);
    }

    public static PlacementOptions parse(String[] args, Properties systemProperties) {
        BenchmarkArguments values = BenchmarkArguments.parse("placement", DEFAULTS, args, systemProperties);
        return new PlacementOptions(values.integer("cells"), values.integer("zones"), values.integer("processes"),
                values.integer("instances"), values.longInteger("seed"), values.integer("runs"),
                values.integer("fenzo-slice"), values.integer("fenzo-max-seconds"), values.integer("fenzo-batch"),
                fitness(values.string("fenzo-good-enough")), values.bool("end-to-end"), values.integer("concurrency"),
                values.integer("end-to-end-stall-seconds"), values.integer("warm-up-lrps"),
                values.integer("single-lrps"), values.integer("single-lrp-instances"),
                values.integer("single-lrp-pause-ms"), Path.of(values.string("output")), values.springProperties());
    }

    private static Double fitness(String value) {
        if (value.equals("none")) {
            return null;
        }
        try {
            return Double.parseDouble(value);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("fenzo-good-enough: a fitness from 0 to 1, or none: " + value);
        }
    }
}
