package io.corral.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one cells benchmark run measured: printed as one block, saved as JSON. The
 * kill and the recovery are null when not every instance ran in the first place.
 */
record CellsReport(Setup setup, double heartbeatSeconds, LoadPhase.Timing desire, Phase toRunning, Kill kill,
        Phase recovery, Comparison diego) {

    private static final double MB = 1024.0 * 1024.0;

    CellsReport(Setup setup, double heartbeatSeconds, LoadPhase.Timing desire, Phase toRunning, Kill kill,
            Phase recovery, CellsOptions.DiegoFigures diego) {
        this(setup, heartbeatSeconds, desire, toRunning, kill, recovery,
                Comparison.of(diego, setup.instances(), toRunning, recovery));
    }

    /**
     * @param convergenceSeconds the receptor's convergence interval, as it ran
     * @param auctionSeconds the placement service's auction interval, as it ran
     */
    record Setup(String startedAt, int cells, int zones, int apps, int instances, double killFraction, int cellsKilled,
            int ttlSeconds, int reconcileSeconds, int startDelayMs, long seed, double convergenceSeconds,
            double auctionSeconds, Map<String, String> springProperties, int cpus, double loadAverageAtStart,
            String java, long maxHeapBytes) {
    }

    /**
     * Waiting for every index to run.
     *
     * @param complete whether every index ran
     * @param seconds from the first request (the first desire, or the kill) to the first
     * read that found every index running (or, if not complete, to the last read)
     * @param secondsAfterLastRequest from the answer to the last desire (or the kill's
     * start) to that read
     * @param polls reads of every instance
     * @param pollSeconds how long the last read took: the resolution of the times
     * @param maxDuplicated the most indices duplicated in any one read
     * @param end what the last read found
     */
    record Phase(boolean complete, double seconds, double secondsAfterLastRequest, int polls, double pollSeconds,
            long maxDuplicated, InstanceCensus.Outcome end, String note) {

        boolean clean() {
            return complete && maxDuplicated == 0;
        }

    }

    /**
     * @param runningOnThem the instances the receptor held RUNNING on them just before
     * @param seconds how long stopping them all took
     */
    record Kill(int cells, long runningOnThem, double seconds, List<String> cellIds) {
    }

    /**
     * Our figures beside Diego's published ones, where given.
     *
     * @param ourInstancesPerSecond instances over the seconds from the first desire to
     * all running
     * @param diegoInstancesPerSecond the same of Diego's figures
     * @param ratePerDiego ours over Diego's
     * @param diegoRecoverySeconds Diego's time to run again what its lost cells ran
     * @param recoveryPerDiego Diego's recovery time over ours: above 1, ours is faster
     */
    record Comparison(Integer diegoInstances, Double diegoSecondsToRunning, Double ourInstancesPerSecond,
            Double diegoInstancesPerSecond, Double ratePerDiego, Double diegoRecoverySeconds, Double recoveryPerDiego) {

        static Comparison of(CellsOptions.DiegoFigures diego, int instances, Phase toRunning, Phase recovery) {
            Double ours = toRunning.complete() ? instances / toRunning.seconds() : null;
            Double theirs = diego.instances() == null ? null : diego.instances() / diego.secondsToRunning();
            Double recoveryRatio = diego.recoverySeconds() == null || recovery == null || !recovery.complete() ? null
                    : diego.recoverySeconds() / recovery.seconds();
            return new Comparison(diego.instances(), diego.secondsToRunning(), ours, theirs,
                    ours == null || theirs == null ? null : ours / theirs, diego.recoverySeconds(), recoveryRatio);
        }

    }

    /**
     * Every desire answered, every instance ran before and after the kill, none lost or
     * duplicated on the way.
     */
    boolean clean() {
        return desire.errors() == 0 && toRunning.clean() && recovery != null && recovery.clean();
    }

    void print(PrintStream out) {
        Setup s = setup;
        out.println();
        out.println(f(
                "== Cells benchmark: %,d cells in %d zones, %,d apps, %,d instances; %,d cells (%.0f%%) killed "
                        + "at once ==",
                s.cells(), s.zones(), s.apps(), s.instances(), s.cellsKilled(), s.killFraction() * 100));
        out.println(f("machine: %d CPUs, load average %.2f at start; Java %s, max heap %,.0f MB", s.cpus(),
                s.loadAverageAtStart(), s.java(), s.maxHeapBytes() / MB));
        out.println(f(
                "cells: ttl %d s (a heartbeat every %.0f s), reconcile every %d s, simulated start %d ms; receptor "
                        + "convergence every %.1f s; placement auction every %.1f s; Spring properties %s",
                s.ttlSeconds(), s.ttlSeconds() / 3.0, s.reconcileSeconds(), s.startDelayMs(), s.convergenceSeconds(),
                s.auctionSeconds(), s.springProperties()));
        out.println();
        out.println(f("cells present in %.1f s; %,d apps desired in %.1f s (%.1f apps/s, %d errors%s)",
                heartbeatSeconds, desire.operations(), desire.seconds(), desire.perSecond(), desire.errors(),
                desire.firstError() == null ? "" : ", first: " + desire.firstError()));
        printPhase(out, "desire -> all RUNNING", "the first desire", "the last desire", toRunning);
        if (kill == null) {
            out.println("kill: not done, since not every instance ran");
        }
        else {
            out.println(f("kill: %,d cells stopped in %.2f s, with %,d instances RUNNING on them", kill.cells(),
                    kill.seconds(), kill.runningOnThem()));
            printPhase(out, "kill -> all RUNNING again", "the kill", "the kill", recovery);
            out.println(f("  (a killed cell is present up to %d s after its last heartbeat; the receptor converges "
                    + "every %.1f s)", s.ttlSeconds(), s.convergenceSeconds()));
        }
        out.println();
        printComparison(out);
    }

    private void printPhase(PrintStream out, String name, String from, String fromLast, Phase phase) {
        InstanceCensus.Outcome end = phase.end();
        if (phase.complete()) {
            out.println(f("%s: every one of %,d instances RUNNING %.1f s after %s = %,.0f instances/s", name,
                    end.indices(), phase.seconds(), from, end.indices() / phase.seconds()));
            if (!from.equals(fromLast)) {
                out.println(f("  %.1f s after %s", phase.secondsAfterLastRequest(), fromLast));
            }
        }
        else {
            out.println(f("%s: INCOMPLETE, %,d of %,d instances RUNNING after %.1f s: %s", name, end.running(),
                    end.indices(), phase.seconds(), phase.note()));
        }
        out.println(
                f("  resolution: one read of every instance, %.1f s (%d reads)", phase.pollSeconds(), phase.polls()));
        out.println(f("  lost at the end: %,d; duplicated: %,d at the end, %,d at most in any read", end.lost(),
                end.duplicated(), phase.maxDuplicated()));
        end.duplicateSamples().forEach(d -> out.println("  DUPLICATED: " + d));
        out.println(f("  zone skew: overall %,d %s; per app max %d, mean %.3f", end.zoneSkew(), end.perZone(),
                end.maxAppZoneSkew(), end.meanAppZoneSkew()));
    }

    private void printComparison(PrintStream out) {
        Comparison c = diego;
        if (c.diegoInstances() == null && c.diegoRecoverySeconds() == null) {
            out.println("Diego 2016: no published figures given (--diego-instances and --diego-seconds-to-running, "
                    + "--diego-recovery-seconds); see docs/performance.md");
            return;
        }
        if (c.diegoInstances() != null) {
            out.println(f("Diego 2016, %,d instances in %.0f s = %,.0f instances/s; ours %s; ours / Diego: %s",
                    c.diegoInstances(), c.diegoSecondsToRunning(), c.diegoInstancesPerSecond(),
                    c.ourInstancesPerSecond() == null ? "did not finish" : f("%,.0f/s", c.ourInstancesPerSecond()),
                    c.ratePerDiego() == null ? "none" : f("%.2f x the rate", c.ratePerDiego())));
        }
        if (c.diegoRecoverySeconds() != null) {
            out.println(f("Diego 2016, lost cells' instances running again in %.0f s; Diego / ours: %s",
                    c.diegoRecoverySeconds(),
                    c.recoveryPerDiego() == null ? "none" : f("%.2f (above 1: ours is faster)", c.recoveryPerDiego())));
        }
    }

    void write(Path file) {
        JsonFiles.write(file, this);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

}
