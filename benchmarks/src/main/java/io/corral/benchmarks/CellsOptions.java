package io.corral.benchmarks;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * What the cells benchmark runs; read like {@link BenchmarkOptions} (shared
 * {@link BenchmarkArguments}): {@code --name=value}, or {@code -Dbenchmark.name=value};
 * options with a dot in their name are Spring properties of both the receptor and the
 * placement service under test (each ignores the other's).
 *
 * @param cells simulated cells, spread over the zones round robin
 * @param zones zones z1..zN
 * @param apps desired LRPs
 * @param instances instances of all apps together, shared out evenly
 * @param killFraction the share of the cells stopped at once once everything runs
 * @param ttlSeconds how long a cell's heartbeat keeps it present; it is sent every third
 * of it
 * @param reconcileSeconds the agents' reconcile interval (and long poll)
 * @param startDelayMs how long a simulated instance takes to start
 * @param seed which cells are stopped
 * @param concurrency concurrent clients desiring the apps
 * @param stallSeconds a phase gives up once no instance became RUNNING for this long
 * @param diego Diego's figures to compare with, where given
 * @param output where the JSON results go
 * @param springProperties Spring properties for the receptor and the placement service
 */
public record CellsOptions(int cells, int zones, int apps, int instances, double killFraction, int ttlSeconds,
        int reconcileSeconds, int startDelayMs, long seed, int concurrency, int stallSeconds, DiegoFigures diego,
        Path output, Map<String, String> springProperties) {

    /** What each simulated cell offers: room for every instance after the kill. */
    static final int CONTAINERS_PER_CELL = 250;

    public static final String USAGE = """
            usage: java -jar benchmarks/target/benchmarks.jar cells [--cells=500] [--zones=3] [--apps=500]
                   [--instances=50000] [--kill-fraction=0.1] [--ttl-seconds=30] [--reconcile-seconds=30]
                   [--start-delay-ms=0] [--seed=42] [--concurrency=16] [--stall-seconds=180]
                   [--diego-instances=N --diego-seconds-to-running=S] [--diego-recovery-seconds=S]
                   [--output=benchmarks/target/cells-benchmark.json] [--some.spring.property=value ...]
            --instances is the total over all apps. The --diego-* options are the published figures to
            compare with (none by default). Options may also be set as system properties, e.g.
            -Dbenchmark.cells=50; options with a dot in their name are Spring properties of the receptor
            and the placement service, e.g. --corral.convergence.interval=5s.""";

    private static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry("cells", "500"),
            Map.entry("zones", "3"), Map.entry("apps", "500"), Map.entry("instances", "50000"),
            Map.entry("kill-fraction", "0.1"), Map.entry("ttl-seconds", "30"), Map.entry("reconcile-seconds", "30"),
            Map.entry("start-delay-ms", "0"), Map.entry("seed", "42"), Map.entry("concurrency", "16"),
            Map.entry("stall-seconds", "180"), Map.entry("diego-instances", "none"),
            Map.entry("diego-seconds-to-running", "none"), Map.entry("diego-recovery-seconds", "none"),
            Map.entry("output", "benchmarks/target/cells-benchmark.json"));

    public CellsOptions {
        BenchmarkArguments.requireAtLeast("zones", zones, 1);
        BenchmarkArguments.requireAtLeast("cells", cells, zones);
        BenchmarkArguments.requireAtLeast("apps", apps, 1);
        BenchmarkArguments.requireAtLeast("instances", instances, apps);
        if (!(killFraction > 0 && killFraction < 1)) {
            throw new IllegalArgumentException("kill-fraction: more than 0 and less than 1, was " + killFraction);
        }
        if (cellsToKill(cells, killFraction) == cells) {
            throw new IllegalArgumentException(
                    "kill-fraction: " + killFraction + " of " + cells + " cells kills them all");
        }
        long room = (long) (cells - cellsToKill(cells, killFraction)) * CONTAINERS_PER_CELL;
        if (instances > room) {
            throw new IllegalArgumentException("instances: at most " + room + " fit in the cells left after the kill ("
                    + CONTAINERS_PER_CELL + " containers each)");
        }
        BenchmarkArguments.requireAtLeast("ttl-seconds", ttlSeconds, 3);
        if (ttlSeconds > 3600) {
            throw new IllegalArgumentException("ttl-seconds: at most 3600, was " + ttlSeconds);
        }
        BenchmarkArguments.requireAtLeast("reconcile-seconds", reconcileSeconds, 1);
        BenchmarkArguments.requireAtLeast("start-delay-ms", startDelayMs, 0);
        BenchmarkArguments.requireAtLeast("concurrency", concurrency, 1);
        BenchmarkArguments.requireAtLeast("stall-seconds", stallSeconds, 1);
        springProperties = Map.copyOf(springProperties);
    }

    public static CellsOptions parse(String[] args, Properties systemProperties) {
        BenchmarkArguments values = BenchmarkArguments.parse("cells", DEFAULTS, args, systemProperties);
        return new CellsOptions(values.integer("cells"), values.integer("zones"), values.integer("apps"),
                values.integer("instances"), fraction(values.string("kill-fraction")), values.integer("ttl-seconds"),
                values.integer("reconcile-seconds"), values.integer("start-delay-ms"), values.longInteger("seed"),
                values.integer("concurrency"), values.integer("stall-seconds"),
                DiegoFigures.of(values.string("diego-instances"), values.string("diego-seconds-to-running"),
                        values.string("diego-recovery-seconds")),
                Path.of(values.string("output")), values.springProperties());
    }

    /** The cells stopped: the fraction of them, rounded, and at least one. */
    int cellsToKill() {
        return cellsToKill(cells, killFraction);
    }

    private static int cellsToKill(int cells, double fraction) {
        return (int) Math.max(1, Math.round(cells * fraction));
    }

    /** The instances of app {@code app} (0-based): the total shared out evenly. */
    int instancesOf(int app) {
        return instances / apps + (app < instances % apps ? 1 : 0);
    }

    private static double fraction(String value) {
        try {
            return Double.parseDouble(value);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("kill-fraction: not a number: " + value);
        }
    }

    /**
     * Published figures of Diego to set ours beside; every one may be absent.
     *
     * @param instances how many instances Diego's figures are about
     * @param secondsToRunning how long Diego took from desiring them to all running
     * @param recoverySeconds how long Diego took to run again what its lost cells ran
     */
    record DiegoFigures(Integer instances, Double secondsToRunning, Double recoverySeconds) {

        DiegoFigures {
            if ((instances == null) != (secondsToRunning == null)) {
                throw new IllegalArgumentException(
                        "diego-instances and diego-seconds-to-running: give both or neither");
            }
            if (instances != null && instances < 1 || secondsToRunning != null && !(secondsToRunning > 0)
                    || recoverySeconds != null && !(recoverySeconds > 0)) {
                throw new IllegalArgumentException("diego-*: must be positive");
            }
        }

        static DiegoFigures of(String instances, String secondsToRunning, String recoverySeconds) {
            return new DiegoFigures(instances.equals("none") ? null : (int) number("diego-instances", instances),
                    secondsToRunning.equals("none") ? null : number("diego-seconds-to-running", secondsToRunning),
                    recoverySeconds.equals("none") ? null : number("diego-recovery-seconds", recoverySeconds));
        }

        private static double number(String name, String value) {
            try {
                return Double.parseDouble(value.replace("_", "").replace(",", ""));
            }
            catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": not a number: " + value);
            }
        }

    }

}
