package io.corral.benchmarks;

import ch.qos.logback.classic.Level;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * Measures placement on a generated problem (see {@link PlacementProblem}): our auction
 * alone, Netflix Fenzo alone on the same problem (or a proportional slice of it, when it
 * would take too long), and the receptor with the placement service end to end. Run by
 * hand (see docs/performance.md); it prints one block of figures and writes them as JSON.
 */
public final class PlacementBenchmark {

    /**
     * Fenzo's warm-up runs on 1/50 of the problem; its time, scaled, picks the slice
     * Fenzo is timed on.
     */
    private static final int FENZO_WARMUP_SLICE = 50;

    private static final int[] SLICES = { 1, 2, 4, 5, 10, 20, 25, 50, 100, 200, 500, 1000 };

    private final PlacementOptions options;

    private final Instant startedAt = Instant.now();

    private PlacementBenchmark(PlacementOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        PlacementOptions options;
        try {
            options = PlacementOptions.parse(args, System.getProperties());
        }
        catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(PlacementOptions.USAGE);
            System.exit(2);
            return;
        }
        PlacementReport report = new PlacementBenchmark(options).run();
        report.print(System.out);
        report.write(options.output());
        System.out.println();
        System.out.println("results written to " + options.output().toAbsolutePath());
        System.exit(report.clean() ? 0 : 1);
    }

    private PlacementReport run() {
        double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        // Fenzo logs through SLF4J; with no configuration logback would print its debug
        // lines and time them.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
            .setLevel(Level.WARN);
        PlacementProblem problem = PlacementProblem.generate(options.cells(), options.zones(), options.processes(),
                options.instances(), options.seed());
        progress("problem: %s; the instances need %.0f%% of the cells' memory", problem.describe(),
                100.0 * problem.demandMemoryMb() / problem.totalMemoryMb());

        progress("ours: warming up on 1/10 of the problem");
        PlacementReport.Algorithm ours = measure("ours (Auction)", problem, OurAuction::run, problem.slice(10));

        int slice = options.fenzoSlice();
        String sliceReason;
        PlacementProblem warmupSlice = problem.slice(Math.min(FENZO_WARMUP_SLICE, maxSlice(problem)));
        int warmupDivisor = Math.min(FENZO_WARMUP_SLICE, maxSlice(problem));
        progress("Fenzo: warming up on %s", warmupSlice.describe());
        double warmupSeconds = fenzo(warmupSlice, false).seconds();
        if (slice == 0) {
            slice = SLICES[SLICES.length - 1];
            for (int candidate : SLICES) {
                double estimate = warmupSeconds * Math.pow((double) warmupDivisor / candidate, 2);
                if (candidate <= maxSlice(problem) && estimate <= options.fenzoMaxSeconds()) {
                    slice = candidate;
                    break;
                }
            }
            sliceReason = String.format(Locale.ROOT,
                    "the smallest slice whose run was estimated to take at most "
                            + "%d s (a run on 1/%d took %.2f s warming up; time grows with tasks x cells)",
                    options.fenzoMaxSeconds(), warmupDivisor, warmupSeconds);
        }
        else {
            sliceReason = "as asked (--fenzo-slice)";
        }
        PlacementProblem fenzoProblem = problem.slice(slice);
        progress("Fenzo: timing on 1/%d: %s", slice, fenzoProblem.describe());
        String fenzoName = options.fenzoGoodEnough() == null ? "Fenzo 1.0.1"
                : "Fenzo 1.0.1, good enough > " + options.fenzoGoodEnough();
        PlacementReport.Algorithm fenzo = measure(fenzoName, fenzoProblem, p -> fenzo(p, true), null);
        PlacementReport.Algorithm oursOnSlice = null;
        if (slice != 1) {
            progress("ours: timing on the same 1/%d", slice);
            oursOnSlice = measure("ours (Auction), same slice", fenzoProblem, OurAuction::run, null);
        }
        PlacementReport.Algorithm same = oursOnSlice != null ? oursOnSlice : ours;
        Double ratio = same.error() == null && fenzo.error() == null && fenzo.placementsPerSecond() > 0
                ? same.placementsPerSecond() / fenzo.placementsPerSecond() : null;

        EndToEndPlacement.Result endToEnd = null;
        String endToEndSkipped = null;
        if (options.endToEnd()) {
            try {
                endToEnd = EndToEndPlacement.run(problem, options);
            }
            catch (RuntimeException e) {
                endToEndSkipped = "failed: " + e;
                e.printStackTrace();
            }
        }
        else {
            endToEndSkipped = "--end-to-end=false";
        }
        PlacementReport.Setup setup = new PlacementReport.Setup(startedAt.toString(), problem.cells().size(),
                options.zones(), problem.processes().size(), problem.totalInstances(), options.seed(), options.runs(),
                (double) problem.demandMemoryMb() / problem.totalMemoryMb(), slice, sliceReason, options.fenzoBatch(),
                options.fenzoGoodEnough() == null ? "none (Fenzo's default: every cell is tried)"
                        : "fitness > " + options.fenzoGoodEnough(),
                Runtime.getRuntime().availableProcessors(), loadAverage, System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory());
        return new PlacementReport(setup, problem.memoryShareByKind(), ours, oursOnSlice, fenzo, ratio, endToEnd,
                endToEndSkipped, endToEnd == null ? List.of() : IssueGoals.of(endToEnd));
    }

    /** The largest divisor that leaves at least ten cells a zone. */
    private int maxSlice(PlacementProblem problem) {
        return Math.max(1, Math.min(problem.cells().size() / (10 * options.zones()), problem.processes().size()));
    }

    private PlacementRun fenzo(PlacementProblem problem, boolean verbose) {
        long[] lastReport = { System.nanoTime() };
        return FenzoPlacement.run(problem, options.fenzoBatch(), options.fenzoGoodEnough(), (done, total) -> {
            if (verbose && System.nanoTime() - lastReport[0] > 30e9) {
                lastReport[0] = System.nanoTime();
                progress("Fenzo: %,d of %,d tasks scheduled", done, total);
            }
        });
    }

    /**
     * An untimed warm-up (on {@code warmup}, if given), then the timed runs; checks the
     * last run's placement.
     */
    private PlacementReport.Algorithm measure(String name, PlacementProblem problem,
            Function<PlacementProblem, PlacementRun> algorithm, PlacementProblem warmup) {
        try {
            if (warmup != null) {
                algorithm.apply(warmup);
            }
            List<Double> seconds = new ArrayList<>();
            PlacementRun last = null;
            for (int r = 0; r < options.runs(); r++) {
                System.gc();
                last = algorithm.apply(problem);
                seconds.add(last.seconds());
                progress("%s: run %d of %d: %.3f s, %,d placed, %,d unplaced", name, r + 1, options.runs(),
                        last.seconds(), last.placements().size(), last.failed());
            }
            double median = median(seconds);
            PlacementCheck.Outcome check = PlacementCheck.check(problem, last.placements(), last.failed());
            return new PlacementReport.Algorithm(name, problem.describe(), problem.cells().size(),
                    problem.processes().size(), problem.totalInstances(), seconds, median,
                    last.placements().size() / median, last.placements().size(), last.failed(), last.failureReasons(),
                    check.violations() + last.extraViolations(), extraSamples(check, last), check.maxZoneSkew(),
                    check.meanZoneSkew(), null);
        }
        catch (RuntimeException e) {
            progress("%s failed: %s", name, e);
            return PlacementReport.Algorithm.failed(name, problem, e.toString());
        }
    }

    private static List<String> extraSamples(PlacementCheck.Outcome check, PlacementRun run) {
        List<String> samples = new ArrayList<>(check.violationSamples());
        if (run.extraViolations() > 0) {
            samples.add(run.extraViolations() + " placements name a zone other than their cell's");
        }
        return samples;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static void progress(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, "[%tT] ", Instant.now().toEpochMilli())
                + String.format(Locale.ROOT, format, args));
    }

}
