package io.corral.benchmarks;

import io.corral.placement.auction.CellSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a placement of a {@link PlacementProblem} the same way whoever made it: that no
 * instance is on a cell that does not match it, that no cell is over its memory, disk or
 * containers, that every instance was either placed or reported unplaced once; and how
 * evenly each process is spread over the zones it can run in.
 */
final class PlacementCheck {

    private static final int MAX_SAMPLES = 10;

    /** One placed instance: the process's number in the problem and the cell. */
    record Placed(int process, String cellId) {
    }

    /**
     * @param placed instances placed
     * @param failed instances reported unplaced
     * @param violations instances on a non-matching or unknown cell, resources over a
     * cell's capacity, instances placed or reported more or less than once
     * @param violationSamples the first few violations, described
     * @param maxZoneSkew the largest, over processes, of max minus min instance count
     * over the zones that hold a cell matching the process
     * @param meanZoneSkew the mean of that over processes
     */
    record Outcome(int placed, int failed, int violations, List<String> violationSamples, int maxZoneSkew,
            double meanZoneSkew) {
    }

    private PlacementCheck() {
    }

    static Outcome check(PlacementProblem problem, List<Placed> placements, int failed) {
        Map<String, CellSpec> cells = new HashMap<>();
        problem.cells().forEach(cell -> cells.put(cell.cellId(), cell));
        Map<String, long[]> used = new HashMap<>();
        List<String> samples = new ArrayList<>();
        int violations = 0;
        List<String> zones = problem.zones();
        int[][] perZone = new int[problem.processes().size()][zones.size()];
        int[] placedOfProcess = new int[problem.processes().size()];
        for (Placed placed : placements) {
            PlacementProblem.Process process = problem.processes().get(placed.process());
            placedOfProcess[placed.process()]++;
            CellSpec cell = cells.get(placed.cellId());
            if (cell == null) {
                violations++;
                sample(samples, "%s placed on unknown cell %s", process.guid(), placed.cellId());
                continue;
            }
            if (!PlacementProblem.matches(cell, process)) {
                violations++;
                sample(samples, "%s (tags %s, %s) placed on %s (required %s, optional %s, rootfs %s)", process.guid(),
                        process.tags(), process.rootfs(), cell.cellId(), cell.requiredTags(), cell.optionalTags(),
                        cell.rootfsProviders());
            }
            long[] use = used.computeIfAbsent(cell.cellId(), id -> new long[3]);
            use[0] += process.memoryMb();
            use[1] += process.diskMb();
            use[2]++;
            perZone[placed.process()][zones.indexOf(cell.zone())]++;
        }
        for (Map.Entry<String, long[]> entry : used.entrySet()) {
            CellSpec cell = cells.get(entry.getKey());
            long[] use = entry.getValue();
            if (use[0] > cell.capacity().memoryMb() || use[1] > cell.capacity().diskMb()
                    || use[2] > cell.capacity().containers()) {
                violations++;
                sample(samples, "%s over capacity: %d/%d MB memory, %d/%d MB disk, %d/%d containers", cell.cellId(),
                        use[0], cell.capacity().memoryMb(), use[1], cell.capacity().diskMb(), use[2],
                        cell.capacity().containers());
            }
        }
        int expected = problem.totalInstances();
        if (placements.size() + failed != expected) {
            violations++;
            sample(samples, "%,d placed and %,d unplaced, for %,d instances", placements.size(), failed, expected);
        }
        for (PlacementProblem.Process process : problem.processes()) {
            if (placedOfProcess[process.number()] > process.instances()) {
                violations++;
                sample(samples, "%s has %d instances placed, of %d", process.guid(), placedOfProcess[process.number()],
                        process.instances());
            }
        }
        int maxSkew = 0;
        long skewSum = 0;
        int skewCount = 0;
        for (PlacementProblem.Process process : problem.processes()) {
            Set<String> matching = problem.matchingZones(process);
            if (matching.isEmpty()) {
                continue;
            }
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (String zone : matching) {
                int count = perZone[process.number()][zones.indexOf(zone)];
                min = Math.min(min, count);
                max = Math.max(max, count);
            }
            maxSkew = Math.max(maxSkew, max - min);
            skewSum += max - min;
            skewCount++;
        }
        return new Outcome(placements.size(), failed, violations, List.copyOf(samples), maxSkew,
                skewCount == 0 ? 0 : (double) skewSum / skewCount);
    }

    private static void sample(List<String> samples, String format, Object... args) {
        if (samples.size() < MAX_SAMPLES) {
            samples.add(String.format(Locale.ROOT, format, args));
        }
    }

}
