package io.corral.placement.auction;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cells of one auction with what is left on each and how each process is spread over
 * them, updated as the auction places work. Cells are indexed in cell id order, zones in
 * name order.
 */
final class CellPool {

    private final CellSpec[] cells;

    private final String[] zones;

    private final int[] zoneOf;

    private final long[] freeMemory;

    private final long[] freeDisk;

    private final int[] freeContainers;

    private final Map<String, Integer> indexOfCell = new HashMap<>();

    private final Map<String, ProcessSpread> spreads = new HashMap<>();

    private final int[][] scratchInts = new int[2][];

    private double[] scratchDoubles;

    /**
     * @param placing the processes this auction places instances of: only their spread
     * over the cells is kept, as no other process's is asked for
     */
    CellPool(List<CellSpec> specs, Occupancy occupancy, Set<String> placing) {
        cells = specs.stream().sorted(Comparator.comparing(CellSpec::cellId)).toArray(CellSpec[]::new);
        zones = new TreeSet<>(specs.stream().map(CellSpec::zone).toList()).toArray(String[]::new);
        zoneOf = new int[cells.length];
        freeMemory = new long[cells.length];
        freeDisk = new long[cells.length];
        freeContainers = new int[cells.length];
        // What runs on an evacuating cell is leaving: it neither fills the cell nor
        // counts
        // in how a process is spread.
        for (int c = 0; c < cells.length; c++) {
            CellSpec cell = cells[c];
            indexOfCell.put(cell.cellId(), c);
            zoneOf[c] = Arrays.binarySearch(zones, cell.zone());
            freeMemory[c] = cell.capacity().memoryMb();
            freeDisk[c] = cell.capacity().diskMb();
            freeContainers[c] = cell.capacity().containers();
            if (!cell.evacuating()) {
                use(c, occupancy.usedOn(cell.cellId()));
            }
        }
        for (String process : placing) {
            ProcessSpread spread = spread(process);
            occupancy.cellsHolding(process).forEach((cellId, instances) -> {
                Integer c = indexOfCell.get(cellId);
                if (c != null && !cells[c].evacuating()) {
                    spread.add(c, zoneOf[c], instances);
                }
            });
        }
    }

    int size() {
        return cells.length;
    }

    int zoneCount() {
        return zones.length;
    }

    CellSpec cell(int c) {
        return cells[c];
    }

    int zoneOf(int c) {
        return zoneOf[c];
    }

    String zoneName(int zone) {
        return zones[zone];
    }

    ProcessSpread spread(String process) {
        return spreads.computeIfAbsent(process, p -> new ProcessSpread(zones.length));
    }

    void take(int c, String process, Resources needs) {
        use(c, needs);
        spread(process).add(c, zoneOf[c], 1);
    }

    private void use(int c, Resources needs) {
        freeMemory[c] -= needs.memoryMb();
        freeDisk[c] -= needs.diskMb();
        freeContainers[c] -= needs.containers();
    }

    /**
     * The first resource the cell lacks for {@code needs}, or null when it has all of
     * them.
     */
    PlacementError shortage(int c, Resources needs) {
        if (freeMemory[c] < needs.memoryMb()) {
            return PlacementError.INSUFFICIENT_MEMORY;
        }
        if (freeDisk[c] < needs.diskMb()) {
            return PlacementError.INSUFFICIENT_DISK;
        }
        if (freeContainers[c] < needs.containers()) {
            return PlacementError.INSUFFICIENT_CONTAINERS;
        }
        return null;
    }

    long freeMemory(int c) {
        return freeMemory[c];
    }

    long freeDisk(int c) {
        return freeDisk[c];
    }

    int freeContainers(int c) {
        return freeContainers[c];
    }

    /**
     * Diego's resource score: the mean used fraction of memory, disk and slots once
     * {@code needs} is added.
     */
    double useAfter(int c, Resources needs) {
        Resources capacity = cells[c].capacity();
        return (fraction(capacity.memoryMb() - freeMemory[c] + needs.memoryMb(), capacity.memoryMb())
                + fraction(capacity.diskMb() - freeDisk[c] + needs.diskMb(), capacity.diskMb())
                + fraction(capacity.containers() - freeContainers[c] + needs.containers(), capacity.containers())) / 3;
    }

    /**
     * A per-cell array for {@link CellOrder}'s keys, reused from group to group so an
     * auction does not allocate one per process; only one order is in use at a time.
     */
    int[] scratchInts(int which) {
        if (scratchInts[which] == null) {
            scratchInts[which] = new int[cells.length];
        }
        return scratchInts[which];
    }

    double[] scratchDoubles() {
        if (scratchDoubles == null) {
            scratchDoubles = new double[cells.length];
        }
        return scratchDoubles;
    }

    private static double fraction(long used, long capacity) {
        return capacity <= 0 ? 1 : (double) used / capacity;
    }

}
