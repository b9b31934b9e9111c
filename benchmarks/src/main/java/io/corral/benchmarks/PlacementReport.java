package io.corral.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one placement benchmark run measured: printed as one block, saved as JSON.
 */
record PlacementReport(Setup setup, Map<String, Double> memoryShareByKind, Algorithm ours, Algorithm oursOnSlice,
        Algorithm fenzo, Double oursOverFenzo, EndToEndPlacement.Result endToEnd, String endToEndSkipped,
        List<IssueGoals.Goal> goals) {

    private static final double MB = 1024.0 * 1024.0;

    /**
     * @param fenzoSlice Fenzo (and {@code oursOnSlice}) ran on 1/fenzoSlice of the
     * problem
     * @param fenzoSliceReason how that slice was chosen
     */
    record Setup(String startedAt, int cells, int zones, int processes, int instances, long seed, int runs,
            double memoryDemandShare, int fenzoSlice, String fenzoSliceReason, int fenzoBatch, String fenzoGoodEnough,
            int cpus, double loadAverageAtStart, String java, long maxHeapBytes) {
    }

    /**
     * One algorithm on one problem size; every figure but the times is from the last
     * timed run (the algorithms are deterministic, apart from Fenzo's thread timing).
     *
     * @param placementsPerSecond instances placed over the median run time
     * @param error why it could not run, or null
     */
    record Algorithm(String name, String problem, int cells, int processes, int instances, List<Double> runSeconds,
            double medianSeconds, double placementsPerSecond, int placed, int failed, Map<String, Long> failureReasons,
            int violations, List<String> violationSamples, int maxZoneSkew, double meanZoneSkew, String error) {

        static Algorithm failed(String name, PlacementProblem problem, String error) {
            return new Algorithm(name, problem.describe(), problem.cells().size(), problem.processes().size(),
                    problem.totalInstances(), List.of(), 0, 0, 0, 0, Map.of(), 0, List.of(), 0, 0, error);
        }

        boolean clean() {
            return error == null && violations == 0;
        }
    }

    /**
     * Whether our auction ran with no violation, and end to end (if run) placed
     * everything, single LRPs included, without one. Goals not met do not count.
     */
    boolean clean() {
        boolean ourOk = ours.clean() && (oursOnSlice == null || oursOnSlice.clean());
        boolean e2eOk = endToEnd == null || (endToEnd.complete() && endToEnd.check().violations() == 0
                && (endToEnd.singleLrps() == null || endToEnd.singleLrps().complete()));
        return ourOk && e2eOk;
    }

    void print(PrintStream out) {
        Setup s = setup;
        out.println();
        out.println(f("== Placement benchmark: %,d cells in %d zones, %,d processes, %,d instances (seed %d) ==",
                s.cells(), s.zones(), s.processes(), s.instances(), s.seed()));
        out.println(f("machine: %d CPUs, load average %.2f at start; Java %s, max heap %,.0f MB", s.cpus(),
                s.loadAverageAtStart(), s.java(), s.maxHeapBytes() / MB));
        out.println(f("the instances need %.0f%% of all cells' memory; of the cells matching each kind of process:",
                s.memoryDemandShare() * 100));
        memoryShareByKind.forEach((kind, share) -> out.println(f("  %-28s %5.1f%%", kind, share * 100)));
        out.println();
        out.println(f("pure algorithm, median of %d timed runs after a warm-up:", s.runs()));
        out.println(f("  %-32s %-38s %9s %12s %8s %7s %10s %8s %9s", "algorithm", "problem", "median s", "placements/s",
                "placed", "failed", "violations", "max skew", "mean skew"));
        printAlgorithm(out, ours);
        if (oursOnSlice != null) {
            printAlgorithm(out, oursOnSlice);
        }
        printAlgorithm(out, fenzo);
        out.println(f("  Fenzo ran on 1/%d of the problem: %s", s.fenzoSlice(), s.fenzoSliceReason()));
        out.println(f("  Fenzo: batches of %,d tasks per scheduleOnce, cpuMemSpreader fitness, good enough: %s",
                s.fenzoBatch(), s.fenzoGoodEnough()));
        if (oursOverFenzo != null) {
            Algorithm same = oursOnSlice != null ? oursOnSlice : ours;
            out.println(f(
                    "  ours / Fenzo on the same problem (%s): %.1f x the placements/s; max zone skew %d vs %d, "
                            + "mean %.3f vs %.3f",
                    same.problem(), oursOverFenzo, same.maxZoneSkew(), fenzo.maxZoneSkew(), same.meanZoneSkew(),
                    fenzo.meanZoneSkew()));
        }
        for (Algorithm a : oursOnSlice == null ? List.of(ours, fenzo) : List.of(ours, oursOnSlice, fenzo)) {
            if (!a.failureReasons().isEmpty()) {
                out.println(f("  %s unplaced by reason (%s): %s", a.name(), a.problem(), a.failureReasons()));
            }
            a.violationSamples().forEach(v -> out.println(f("  %s VIOLATION: %s", a.name(), v)));
            if (a.error() != null) {
                out.println(f("  %s could not run: %s", a.name(), a.error()));
            }
        }
        out.println();
        if (endToEnd == null) {
            out.println("end to end: skipped" + (endToEndSkipped == null ? "" : ": " + endToEndSkipped));
            return;
        }
        EndToEndPlacement.Result e = endToEnd;
        out.println(f("end to end (receptor + placement service, %,d cells, %,d LRPs, %,d instances):", e.cells(),
                e.processes(), e.instances()));
        if (e.warmUp().lrps() > 0) {
            out.println(f("  warmed up first, untimed: %,d LRPs (%,d instances) desired, placed and removed in %.1f s",
                    e.warmUp().lrps(), e.warmUp().instances(), e.warmUp().seconds()));
        }
        out.println(f(
                "  cells heartbeat in %.1f s; LRPs desired in %.1f s (%.1f LRPs/s, %d errors); %d requests "
                        + "sent again (busy receptor)",
                e.heartbeatSeconds(), e.desire().seconds(), e.desire().perSecond(), e.desire().errors(), e.retries()));
        out.println(f("  %s: %,d of %,d instances on a cell, %,d with a placement error %s",
                e.complete() ? "COMPLETE" : "INCOMPLETE", e.assigned(), e.instances(), e.withPlacementError(),
                e.placementErrors()));
        String until = e.complete() ? "all assigned" : "giving up";
        out.println(f(
                "  first desire -> %s: %.1f s = %,.0f instances/s end to end; last desire -> %s: %.1f s "
                        + "(from the event stream; %d read(s) of every instance for it)",
                until, e.secondsFirstDesireToAllAssigned(), e.instancesPerSecond(), until,
                e.secondsLastDesireToAllAssigned(), e.resyncs()));
        out.println(f("  placements read back in %.1f s: %d violations, max zone skew %d, mean %.3f",
                e.checkReadSeconds(), e.check().violations(), e.check().maxZoneSkew(), e.check().meanZoneSkew()));
        e.check().violationSamples().forEach(v -> out.println("  end to end VIOLATION: " + v));
        out.println("  CPU from the first desire until every instance had a cell (this JVM: both services and the"
                + " benchmark; PostgreSQL: both services' backends):");
        e.cpu().print(out, "end to end", Math.max(1, e.assigned()), "placed instance", 12);
        if (e.note() != null) {
            out.println("  " + e.note());
        }
        EndToEndPlacement.SingleLrps singles = e.singleLrps();
        if (singles != null) {
            out.println(f(
                    "single LRPs (%d of %d instance(s), one at a time, %d ms apart, on a receptor holding %,d "
                            + "instances):",
                    singles.lrps(), singles.instancesEach(), singles.pauseMs(), singles.receptorInstances()));
            out.println(f(
                    "  %d placed, %d desires failed; desire -> assignment p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, "
                            + "max %.1f ms; the desire request alone p50 %.1f ms, p99 %.1f ms",
                    singles.placed(), singles.errors(), singles.p50Ms(), singles.p95Ms(), singles.p99Ms(),
                    singles.maxMs(), singles.desireP50Ms(), singles.desireP99Ms()));
            if (singles.firstError() != null) {
                out.println("  first failed desire: " + singles.firstError());
            }
        }
        out.println();
        boolean atScale = IssueGoals.atGoalScale(e.cells(), e.instances());
        out.println(atScale ? "issue 12 goals:"
                : f("issue 12 goals (measured at %,d instances on %,d cells, the goals are for 100,000 on 5,000: "
                        + "a goal met here is not met yet):", e.instances(), e.cells()));
        goals.forEach(g -> out.println(f("  %-8s %s: %s", g.met() ? "met" : "NOT met", g.goal(), g.measured())));
    }

    private static void printAlgorithm(PrintStream out, Algorithm a) {
        if (a.error() != null) {
            out.println(f("  %-32s %-38s %s", a.name(), a.problem(), "did not run"));
            return;
        }
        out.println(f("  %-32s %-38s %9.3f %,12.0f %,8d %,7d %10d %8d %9.3f", a.name(),
                f("%,d cells, %,d procs, %,d inst", a.cells(), a.processes(), a.instances()), a.medianSeconds(),
                a.placementsPerSecond(), a.placed(), a.failed(), a.violations(), a.maxZoneSkew(), a.meanZoneSkew()));
    }

    void write(Path file) {
        JsonFiles.write(file, this);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
