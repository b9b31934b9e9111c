package io.corral.benchmarks;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.corral.receptor.api.ActualLrpState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** Everything one run measured: printed as a table, saved as JSON. */
record BenchmarkReport(Setup setup, List<Phase> phases, StreamPhase stream, PgBench.Result pgbench) {

    private static final double MB = 1024.0 * 1024.0;

    record Setup(String startedAt, int lrps, int instancesPerLrp, int concurrency, String client, int warmupLrps,
            int warmupRounds, int cpus, double loadAverageAtStart, String java, long maxHeapBytes, String postgres,
            String postgresServer, String synchronousCommit, int receptorConnectionPool) {
    }

    /**
     * One measured phase. {@code operation} says what one op is; {@code instancesPerOp}
     * turns ops into instances; the database figures come from pg_stat_database and
     * pg_stat_activity.
     */
    record Phase(String name, String operation, int instancesPerOp, LoadPhase.Timing timing, double dbTransactionsPerOp,
            double dbRowsWrittenPerOp, long dbRollbacks, double walBytesPerOp, long checkpointsStarted,
            double jvmCpuMsPerOp, double otherCpuMsPerOp, double machineCpuBusyPercent,
            Map<String, Double> dbAverageSessions, Map<String, Double> jvmCpuMsPerOpByThread) {

        @JsonProperty
        double instancesPerSecond() {
            return timing.perSecond() * instancesPerOp;
        }

        @JsonProperty
        double dbTransactionsPerSecond() {
            return timing.perSecond() * dbTransactionsPerOp;
        }

        /**
         * The rate at which the CPU this phase cost outside the JVM (the database server,
         * mostly) would alone keep all {@code cpus} busy: the most it could reach however
         * little CPU the receptor used.
         */
        double ceilingPerSecond(int cpus) {
            return otherCpuMsPerOp <= 0 ? Double.NaN : cpus * 1000 / otherCpuMsPerOp;
        }
    }

    record StreamPhase(long expected, long instances, Map<ActualLrpState, Long> byState, boolean confirmed,
            double seconds, double secondsToFirstInstance, double instancesPerSecond, double megabytes,
            double liveHeapBeforeMb, double liveHeapHalfwayMb, double sampledPeakHeapMb, double heapPoolPeaksSumMb,
            double maxHeapMb) {

        static StreamPhase of(long expected, ActualLrpStream.Result result, HeapProbe heap, long liveHalfway) {
            boolean allRunning = result.byState().getOrDefault(ActualLrpState.RUNNING, 0L) == expected;
            return new StreamPhase(expected, result.instances(), result.byState(),
                    result.instances() == expected && allRunning, result.seconds(), result.secondsToFirstInstance(),
                    result.instances() / result.seconds(), result.bytes() / MB, heap.liveBefore() / MB,
                    liveHalfway / MB, heap.sampledPeak() / MB, heap.poolPeaksSum() / MB, heap.maxHeap() / MB);
        }
    }

    /** Each phase's API op/s over pgbench's tps. */
    @JsonProperty
    Map<String, Double> apiOpsOverPgbenchTps() {
        return overPgbenchTps(w -> w.timing().perSecond());
    }

    /**
     * Each phase's ceiling (the rate the CPU it cost outside the JVM allows) over
     * pgbench's tps.
     */
    @JsonProperty
    Map<String, Double> ceilingOverPgbenchTps() {
        return overPgbenchTps(w -> w.ceilingPerSecond(setup.cpus()));
    }

    private Map<String, Double> overPgbenchTps(ToDoubleFunction<Phase> perSecond) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        if (pgbench.skipped() == null) {
            phases.forEach(w -> ratios.put(w.name(), perSecond.applyAsDouble(w) / pgbench.tps()));
        }
        return ratios;
    }

    /** Whether every op succeeded and the stream returned every instance, RUNNING. */
    boolean confirmed() {
        return stream.confirmed() && phases.stream().allMatch(w -> w.timing().errors() == 0);
    }

    void print(PrintStream out) {
        Setup s = setup;
        out.println();
        out.println(f(
                "== Receptor benchmark: %,d LRPs x %,d instances, %d concurrent clients (%s) (after a warm-up of %,d LRPs, %s) ==",
                s.lrps(), s.instancesPerLrp(), s.concurrency(),
                s.client().equals("jdk") ? "the JDK's HttpClient" : "a keep-alive socket each", s.warmupLrps(),
                s.warmupRounds() == 1 ? "once" : s.warmupRounds() + " rounds"));
        out.println(f("machine: %d CPUs, load average %.2f at start; Java %s, max heap %,.0f MB", s.cpus(),
                s.loadAverageAtStart(), s.java(), s.maxHeapBytes() / MB));
        out.println(f("PostgreSQL %s at %s (synchronous_commit=%s); receptor connection pool %d", s.postgres(),
                s.postgresServer(), s.synchronousCommit(), s.receptorConnectionPool()));
        out.println();
        out.println(f("%-12s %-34s %9s %8s %9s %9s %7s %7s %7s %6s %8s %8s %8s %9s %9s %7s", "phase", "one op", "ops",
                "seconds", "API op/s", "inst/s", "p50 ms", "p95 ms", "p99 ms", "errors", "DB tx/op", "rows/op", "WAL",
                "JVM CPU", "other CPU", "CPU"));
        out.println(f("%-12s %-34s %9s %8s %9s %9s %7s %7s %7s %6s %8s %8s %8s %9s %9s %7s", "", "", "", "", "", "", "",
                "", "", "", "", "", "kB/op", "ms/op", "ms/op", "busy"));
        for (Phase w : phases) {
            LoadPhase.Timing t = w.timing();
            out.println(f(
                    "%-12s %-34s %,9d %8.1f %9.1f %,9.0f %7.1f %7.1f %7.1f %6d %8.2f %8.1f %8.2f %9.2f %9.2f %6.0f%%",
                    w.name(), w.operation(), t.operations(), t.seconds(), t.perSecond(), w.instancesPerSecond(),
                    t.p50Ms(), t.p95Ms(), t.p99Ms(), t.errors(), w.dbTransactionsPerOp(), w.dbRowsWrittenPerOp(),
                    w.walBytesPerOp() / 1024, w.jvmCpuMsPerOp(), w.otherCpuMsPerOp(), w.machineCpuBusyPercent()));
        }
        out.println("each phase, and pgbench, started right after a CHECKPOINT; " + phases.stream()
            .filter(w -> w.checkpointsStarted() > 0)
            .map(w -> f("%d more started during %s", w.checkpointsStarted(), w.name()))
            .reduce((a, b) -> a + ", " + b)
            .orElse("none started during a phase"));
        phases.stream()
            .filter(w -> w.timing().firstError() != null)
            .forEach(w -> out.println(f("  first %s error: %s", w.name(), w.timing().firstError())));
        out.println();
        out.println("database sessions during each phase (average count, sampled from pg_stat_activity every 100 ms):");
        phases.forEach(w -> out.println(f("  %-12s %s", w.name(), byShare(w.dbAverageSessions()))));
        out.println();
        out.println("JVM CPU ms/op by thread group (Tomcat 1 is the receptor's; HttpClient and pool are the clients):");
        phases.forEach(w -> out.println(f("  %-12s %s", w.name(), byShare(w.jvmCpuMsPerOpByThread()))));
        out.println();
        StreamPhase st = stream;
        out.println(f(
                "stream GET /v1/actual_lrps: %,d instances %s, %,.1f MB in %.2f s (%,.0f instances/s, first after %.3f s)",
                st.instances(),
                st.confirmed() ? "(confirmed: all " + f("%,d", st.expected()) + " RUNNING)"
                        : "(EXPECTED " + f("%,d", st.expected()) + " RUNNING, got " + st.byState() + ")",
                st.megabytes(), st.seconds(), st.instancesPerSecond(), st.secondsToFirstInstance()));
        out.println(f(
                "  receptor JVM heap: live %.1f MB before, live %.1f MB halfway through (%+.1f MB); "
                        + "sampled peak %.1f MB, sum of pool peaks %.1f MB, max %,.0f MB",
                st.liveHeapBeforeMb(), st.liveHeapHalfwayMb(), st.liveHeapHalfwayMb() - st.liveHeapBeforeMb(),
                st.sampledPeakHeapMb(), st.heapPoolPeaksSumMb(), st.maxHeapMb()));
        out.println();
        printComparison(out);
    }

    private void printComparison(PrintStream out) {
        if (pgbench.skipped() != null) {
            out.println("pgbench skipped: " + pgbench.skipped());
            return;
        }
        double tps = pgbench.tps();
        out.println(f("pgbench on the same server (%s): %,.0f tps, latency average %.1f ms", pgbench.command(), tps,
                pgbench.latencyAverageMs()));
        out.println("receptor request rate as a share of pgbench tps:");
        for (Phase w : phases) {
            out.println(f("  %-12s %,8.1f API op/s = %.2f x pgbench tps;  %.2f DB tx/op -> %,8.1f DB tx/s = %.2f x",
                    w.name(), w.timing().perSecond(), w.timing().perSecond() / tps, w.dbTransactionsPerOp(),
                    w.dbTransactionsPerSecond(), w.dbTransactionsPerSecond() / tps));
        }
        out.println(
                "the most each phase could reach however little CPU the receptor used (the CPU it cost outside the");
        out.println(f("JVM, the database server mostly, would fill the %d CPUs alone):", setup.cpus()));
        for (Phase w : phases) {
            double ceiling = w.ceilingPerSecond(setup.cpus());
            out.println(f("  %-12s %,8.1f op/s = %.2f x pgbench tps", w.name(), ceiling, ceiling / tps));
        }
    }

    private static String byShare(Map<String, Double> shares) {
        return shares.entrySet()
            .stream()
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .map(e -> f("%s %.3f", e.getKey(), e.getValue()))
            .collect(Collectors.joining(", "));
    }

    void write(Path file) {
        JsonFiles.write(file, this);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
