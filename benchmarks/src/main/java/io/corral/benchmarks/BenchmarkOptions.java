package io.corral.benchmarks;

import io.corral.receptor.api.ApiPatterns;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * What the receptor benchmark measures. Options come as {@code --name=value} arguments,
 * or else as {@code -Dbenchmark.name=value} system properties; an option whose name holds
 * a dot (for example {@code --spring.datasource.hikari.maximum-pool-size=20}) is handed
 * to the receptor instead.
 *
 * @param lrps desired LRPs to create
 * @param instances instances of each
 * @param concurrency concurrent API clients, and pgbench's client count
 * @param pgbenchSeconds how long pgbench runs; 0 skips it
 * @param warmUpLrps LRPs the whole cycle runs on before anything is measured (at most
 * {@code lrps}): enough requests of each kind that the JIT's second tier has compiled
 * what each request runs
 * @param warmUpRounds how many times the warm-up's cycle runs: a method the JIT compiled
 * in one phase is compiled again when a later phase takes a branch it had never taken, so
 * a second round finds every branch taken already
 * @param client how the clients send their requests: {@code socket}, a keep-alive
 * connection of each client thread's own ({@link SocketHttpClient}), or {@code jdk}, the
 * JDK's {@code HttpClient}
 * @param output where the JSON results go
 * @param receptorProperties Spring properties for the receptor under test
 */
public record BenchmarkOptions(int lrps, int instances, int concurrency, int pgbenchSeconds, int warmUpLrps,
        int warmUpRounds, String client, Path output, Map<String, String> receptorProperties) {

    public static final String USAGE = """
            usage: java -jar benchmarks/target/benchmarks.jar receptor [--lrps=10000] [--instances=10]
                   [--concurrency=16] [--pgbench-seconds=30] [--warm-up-lrps=1000] [--warm-up-rounds=2]
                   [--client=socket|jdk]
                   [--output=benchmarks/target/receptor-benchmark.json]
                   [--some.spring.property=value ...]
            Options may also be set as system properties, e.g. -Dbenchmark.lrps=200; options with a dot
            in their name are Spring properties of the receptor under test.""";

    private static final Map<String, String> DEFAULTS = Map.of("lrps", "10000", "instances", "10", "concurrency", "16",
            "pgbench-seconds", "30", "warm-up-lrps", "1000", "warm-up-rounds", "2", "client", "socket", "output",
            "benchmarks/target/receptor-benchmark.json");

    public BenchmarkOptions {
        requireAtLeast("lrps", lrps, 1);
        requireAtLeast("instances", instances, 1);
        requireAtLeast("concurrency", concurrency, 1);
        requireAtLeast("pgbench-seconds", pgbenchSeconds, 0);
        requireAtLeast("warm-up-lrps", warmUpLrps, 1);
        requireAtLeast("warm-up-rounds", warmUpRounds, 1);
        if (!client.equals("socket") && !client.equals("jdk")) {
            throw new IllegalArgumentException("client: socket or jdk, was " + client);
        }
        if (instances > ApiPatterns.MAX_INSTANCES) {
            throw new IllegalArgumentException("instances: at most " + ApiPatterns.MAX_INSTANCES);
        }
        receptorProperties = Map.copyOf(receptorProperties);
    }

    public static BenchmarkOptions parse(String[] args, Properties systemProperties) {
        BenchmarkArguments values = BenchmarkArguments.parse("receptor", DEFAULTS, args, systemProperties);
        return new BenchmarkOptions(values.integer("lrps"), values.integer("instances"), values.integer("concurrency"),
                values.integer("pgbench-seconds"), values.integer("warm-up-lrps"), values.integer("warm-up-rounds"),
                values.string("client"), Path.of(values.string("output")), values.springProperties());
    }

    public int totalInstances() {
        return lrps * instances;
    }

    private static void requireAtLeast(String name, int value, int minimum) {
        BenchmarkArguments.requireAtLeast(name, value, minimum);
    }
}
