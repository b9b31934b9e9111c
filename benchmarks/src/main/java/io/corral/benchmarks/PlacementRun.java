package io.corral.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * One run of a placement algorithm over a whole problem: how long it took and what it
 * decided.
 *
 * @param seconds wall-clock time of the algorithm alone (its input built beforehand)
 * @param placements the instances placed
 * @param failed the instances it reported unplaced
 * @param failureReasons the unplaced instances, counted by the reason the algorithm gave
 * @param extraViolations inconsistencies only the algorithm's own output can show (a zone
 * reported for a cell in another zone)
 */
record PlacementRun(double seconds, List<PlacementCheck.Placed> placements, int failed,
        Map<String, Long> failureReasons, int extraViolations) {
}
