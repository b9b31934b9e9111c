package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrpState;
import java.time.Duration;
import java.util.Set;

/**
 * The decisions of the LRP convergence steps, apart from how candidates are read and
 * written.
 */
final class ConvergenceRules {

    private ConvergenceRules() {
    }

    /** An instance of a process no longer desired goes only when its domain is fresh. */
    static boolean removeOrphan(String domain, Set<String> freshDomains) {
        return freshDomains.contains(domain);
    }

    /**
     * An instance assigned to a cell that has not claimed it within {@code timeout} is
     * placed again.
     */
    static boolean placementTimedOut(InstanceStatus s, long nowNs, Duration timeout) {
        return s.state() == ActualLrpState.UNCLAIMED && s.cellId() != null && nowNs - s.sinceNs() >= timeout.toNanos();
    }

    static boolean restartDue(InstanceStatus s, long nowNs) {
        return s.state() == ActualLrpState.CRASHED && CrashRestartPolicy.restartDue(s.crashCount(), s.sinceNs(), nowNs);
    }

}
