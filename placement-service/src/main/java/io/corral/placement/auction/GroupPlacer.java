package io.corral.placement.auction;

import io.corral.placement.auction.AuctionResult.Failure;
import io.corral.placement.auction.AuctionResult.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Places the items of one demand group. An item goes to the zone holding the fewest
 * instances of the process (ties: the zone whose best cell is better) and to that zone's
 * best cell by {@link CellOrder}. A single item is placed by one scan of the cells; for
 * more, each zone keeps its feasible cells in a heap, and since only the cell just used
 * changes its order, it alone is re-queued, and only while it still fits.
 */
final class GroupPlacer {

    private final CellPool pool;

    private final DemandGroup group;

    private final int[] candidates;

    private final ProcessSpread spread;

    private final CellOrder order;

    GroupPlacer(CellPool pool, DemandGroup group, int[] candidates) {
        this.pool = pool;
        this.group = group;
        this.candidates = candidates;
        this.spread = pool.spread(group.process());
        this.order = new CellOrder(pool, group, spread, candidates);
    }

    void place(List<WorkItem> items, List<Placement> placements, List<Failure> failures) {
        if (items.size() == 1) {
            placeOne(items.get(0), placements, failures);
            return;
        }
        List<PriorityQueue<Integer>> zones = feasibleCellsByZone();
        for (int i = 0; i < items.size(); i++) {
            int zone = bestZone(zones);
            if (zone < 0) {
                fail(items.subList(i, items.size()), failures);
                return;
            }
            int cell = zones.get(zone).poll();
            put(items.get(i), cell, placements);
            if (fits(cell)) {
                zones.get(zone).add(cell);
            }
        }
    }

    /**
     * The same choice as the heaps make, by one scan: the fewest in the zone, then the
     * cell order.
     */
    private void placeOne(WorkItem item, List<Placement> placements, List<Failure> failures) {
        int best = -1;
        for (int cell : candidates) {
            if (fits(cell) && (best < 0 || isBefore(cell, best))) {
                best = cell;
            }
        }
        if (best < 0) {
            fail(List.of(item), failures);
        }
        else {
            put(item, best, placements);
        }
    }

    private boolean isBefore(int cell, int other) {
        int inZone = spread.inZone(pool.zoneOf(cell));
        int otherInZone = spread.inZone(pool.zoneOf(other));
        return inZone != otherInZone ? inZone < otherInZone : order.compare(cell, other) < 0;
    }

    private void put(WorkItem item, int cell, List<Placement> placements) {
        pool.take(cell, group.process(), group.needs());
        order.refresh(cell);
        placements.add(new Placement(item, pool.cell(cell).cellId(), pool.zoneName(pool.zoneOf(cell))));
    }

    private List<PriorityQueue<Integer>> feasibleCellsByZone() {
        List<List<Integer>> byZone = new ArrayList<>(pool.zoneCount());
        for (int z = 0; z < pool.zoneCount(); z++) {
            byZone.add(new ArrayList<>());
        }
        for (int cell : candidates) {
            if (fits(cell)) {
                byZone.get(pool.zoneOf(cell)).add(cell);
            }
        }
        List<PriorityQueue<Integer>> queues = new ArrayList<>(byZone.size());
        for (List<Integer> cells : byZone) {
            PriorityQueue<Integer> queue = new PriorityQueue<>(Math.max(1, cells.size()), order);
            queue.addAll(cells);
            queues.add(queue);
        }
        return queues;
    }

    private int bestZone(List<PriorityQueue<Integer>> zones) {
        int best = -1;
        for (int z = 0; z < zones.size(); z++) {
            if (zones.get(z).isEmpty()) {
                continue;
            }
            if (best < 0 || spread.inZone(z) < spread.inZone(best) || spread.inZone(z) == spread.inZone(best)
                    && order.compare(zones.get(z).peek(), zones.get(best).peek()) < 0) {
                best = z;
            }
        }
        return best;
    }

    private boolean fits(int cell) {
        Integer cap = group.rules().maxInstancesPerCell();
        return (cap == null || spread.onCell(cell) < cap) && pool.shortage(cell, group.needs()) == null;
    }

    /**
     * Once nothing fits, nothing will for the rest of the group: one reason serves them
     * all.
     */
    private void fail(List<WorkItem> unplaced, List<Failure> failures) {
        PlacementError error = shortage();
        unplaced.forEach(item -> failures.add(new Failure(item, error)));
    }

    /** Why nothing fits: no compatible cell, else what most compatible cells lack. */
    private PlacementError shortage() {
        if (candidates.length == 0) {
            return PlacementError.NO_COMPATIBLE_CELL;
        }
        int[] counts = new int[PlacementError.values().length];
        Integer cap = group.rules().maxInstancesPerCell();
        for (int cell : candidates) {
            PlacementError lack = cap != null && spread.onCell(cell) >= cap ? PlacementError.CELL_CAP_REACHED
                    : pool.shortage(cell, group.needs());
            if (lack != null) {
                counts[lack.ordinal()]++;
            }
        }
        PlacementError most = PlacementError.INSUFFICIENT_MEMORY;
        for (PlacementError error : PlacementError.values()) {
            if (counts[error.ordinal()] > counts[most.ordinal()]) {
                most = error;
            }
        }
        return most;
    }

}
