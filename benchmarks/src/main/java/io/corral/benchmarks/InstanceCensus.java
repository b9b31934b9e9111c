package io.corral.benchmarks;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one read of every actual LRP says about the desired instances, counted as the
 * instances stream by ({@link #add}):
 * <ul>
 * <li>an index <em>runs</em> when it has a RUNNING copy on a cell that is alive (one the
 * benchmark made and did not kill); whatever the receptor still holds RUNNING on a killed
 * cell does not run;</li>
 * <li>an index is <em>lost</em> when it does not run;</li>
 * <li>an index is <em>duplicated</em> when two or more of its copies are RUNNING, neither
 * evacuating (a move under way, whose old copy goes once the new one runs) nor suspect (a
 * copy on a cell the receptor lost, kept until its replacement runs);</li>
 * <li>the zone skew of an app is the largest minus the smallest count of its running,
 * neither evacuating nor suspect copies over the zones that hold a live cell; overall,
 * the same over all apps' copies together.</li>
 * </ul>
 */
final class InstanceCensus {

    private static final int MAX_SAMPLES = 10;

    /**
     * One copy of an index as the receptor lists it.
     *
     * @param suspect the receptor holds it on a cell it lost, until its replacement runs
     */
    record Copy(String processGuid, int index, String cellId, ActualLrpState state, boolean evacuating,
            boolean suspect) {

        static Copy of(ActualLrp instance) {
            return new Copy(instance.processGuid(), instance.index(), instance.cellId(), instance.state(),
                    instance.evacuating(), instance.presence() == ActualLrpPresence.SUSPECT);
        }

    }

    /**
     * @param indices the desired indices
     * @param running indices that run
     * @param lost indices that do not run
     * @param duplicated indices with two or more RUNNING copies neither evacuating nor
     * suspect
     * @param duplicateSamples the first few of those, described
     * @param runningOnKilledCells copies the receptor holds RUNNING on a killed cell
     * @param perZone running copies (neither evacuating nor suspect) by zone, over the
     * zones that hold a live cell
     * @param zoneSkew max minus min of {@code perZone}
     * @param maxAppZoneSkew the largest zone skew of one app
     * @param meanAppZoneSkew the mean over apps
     */
    record Outcome(long indices, long running, long lost, long duplicated, List<String> duplicateSamples,
            long runningOnKilledCells, Map<String, Long> perZone, long zoneSkew, int maxAppZoneSkew,
            double meanAppZoneSkew) {

        boolean allRunning() {
            return lost == 0;
        }

    }

    private final Map<String, Integer> desired;

    private final Map<String, String> zoneOfCell;

    private final Set<String> killed;

    private final List<String> zones;

    /** Per app: running copies per index. */
    private final Map<String, int[]> runningCopies = new HashMap<>();

    /** Per app: RUNNING copies neither evacuating nor suspect, per index. */
    private final Map<String, int[]> currentCopies = new HashMap<>();

    /** Per app: running copies neither evacuating nor suspect, per zone. */
    private final Map<String, long[]> perZone = new HashMap<>();

    private long runningOnKilledCells;

    /**
     * @param desired the instance count of every app, by process guid
     * @param zoneOfCell the zone of every cell the benchmark made
     * @param killed the cells it killed
     */
    InstanceCensus(Map<String, Integer> desired, Map<String, String> zoneOfCell, Set<String> killed) {
        this.desired = desired;
        this.zoneOfCell = zoneOfCell;
        this.killed = killed;
        Set<String> liveZones = new TreeSet<>();
        zoneOfCell.forEach((cell, zone) -> {
            if (!killed.contains(cell)) {
                liveZones.add(zone);
            }
        });
        this.zones = List.copyOf(liveZones);
    }

    void add(Copy copy) {
        Integer instances = desired.get(copy.processGuid());
        if (instances == null || copy.index() < 0 || copy.index() >= instances
                || copy.state() != ActualLrpState.RUNNING) {
            return;
        }
        if (killed.contains(copy.cellId())) {
            runningOnKilledCells++;
        }
        boolean current = !copy.evacuating() && !copy.suspect();
        if (current) {
            currentCopies.computeIfAbsent(copy.processGuid(), guid -> new int[instances])[copy.index()]++;
        }
        String zone = zoneOfCell.get(copy.cellId());
        if (zone == null || killed.contains(copy.cellId())) {
            return;
        }
        runningCopies.computeIfAbsent(copy.processGuid(), guid -> new int[instances])[copy.index()]++;
        if (current) {
            perZone.computeIfAbsent(copy.processGuid(), guid -> new long[zones.size()])[zones.indexOf(zone)]++;
        }
    }

    Outcome outcome() {
        long indices = 0;
        long running = 0;
        long duplicated = 0;
        List<String> samples = new ArrayList<>();
        long[] total = new long[zones.size()];
        int maxSkew = 0;
        long skewSum = 0;
        for (Map.Entry<String, Integer> app : new TreeMap<>(desired).entrySet()) {
            indices += app.getValue();
            int[] copies = runningCopies.get(app.getKey());
            int[] current = currentCopies.get(app.getKey());
            for (int index = 0; index < app.getValue(); index++) {
                running += copies != null && copies[index] > 0 ? 1 : 0;
                if (current != null && current[index] > 1) {
                    duplicated++;
                    if (samples.size() < MAX_SAMPLES) {
                        samples.add(String.format(Locale.ROOT, "%s index %d: %d RUNNING copies", app.getKey(), index,
                                current[index]));
                    }
                }
            }
            long[] counts = perZone.getOrDefault(app.getKey(), new long[zones.size()]);
            for (int z = 0; z < counts.length; z++) {
                total[z] += counts[z];
            }
            int skew = (int) skew(counts);
            maxSkew = Math.max(maxSkew, skew);
            skewSum += skew;
        }
        Map<String, Long> byZone = new TreeMap<>();
        for (int z = 0; z < zones.size(); z++) {
            byZone.put(zones.get(z), total[z]);
        }
        return new Outcome(indices, running, indices - running, duplicated, samples, runningOnKilledCells, byZone,
                skew(total), maxSkew, desired.isEmpty() ? 0 : (double) skewSum / desired.size());
    }

    private static long skew(long[] counts) {
        long max = Long.MIN_VALUE;
        long min = Long.MAX_VALUE;
        for (long count : counts) {
            max = Math.max(max, count);
            min = Math.min(min, count);
        }
        return counts.length == 0 ? 0 : max - min;
    }

}
