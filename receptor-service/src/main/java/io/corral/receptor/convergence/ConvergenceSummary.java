package io.corral.receptor.convergence;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one pass did: whether this replica held the lease, how many records each step
 * changed, and which steps failed (or were not run because the lease was lost mid-pass).
 */
public record ConvergenceSummary(boolean leader, Map<String, Integer> changed, List<String> failed, Duration duration) {

    static ConvergenceSummary standby() {
        return new ConvergenceSummary(false, Map.of(), List.of(), Duration.ZERO);
    }
}
