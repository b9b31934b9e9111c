package io.corral.placement.auction;

import io.corral.placement.auction.Explanation.CellVerdict;
import io.corral.placement.auction.Explanation.Score;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Works out each cell's verdict on one item, with the auction's own matching and
 * ordering.
 */
final class Explainer {

    static final String EVACUATING = "is evacuating: it takes no new work";

    private final CellPool pool;

    private final WorkItem item;

    private final DemandGroup group;

    private final ProcessSpread spread;

    Explainer(CellPool pool, WorkItem item) {
        this.pool = pool;
        this.item = item;
        this.group = new DemandGroup(item.process(), item.rootfs(), item.needs(), item.rules(), List.of(item));
        this.spread = pool.spread(item.process());
    }

    Explanation explain(AuctionResult decision) {
        List<Integer> accepted = new ArrayList<>();
        List<CellVerdict> rejected = new ArrayList<>();
        for (int c = 0; c < pool.size(); c++) {
            List<String> rejections = rejections(c);
            if (rejections.isEmpty()) {
                accepted.add(c);
            }
            else {
                rejected.add(new CellVerdict(pool.cell(c).cellId(), pool.cell(c).zone(), rejections, null));
            }
        }
        CellOrder cellOrder = new CellOrder(pool, group, spread, accepted.stream().mapToInt(c -> c).toArray());
        accepted.sort(Comparator.<Integer>comparingInt(c -> spread.inZone(pool.zoneOf(c))).thenComparing(cellOrder));
        List<CellVerdict> verdicts = new ArrayList<>(pool.size());
        for (int c : accepted) {
            verdicts.add(new CellVerdict(pool.cell(c).cellId(), pool.cell(c).zone(), List.of(), score(c)));
        }
        verdicts.addAll(rejected);
        String chosen = decision.placements().isEmpty() ? null : decision.placements().get(0).cellId();
        PlacementError error = decision.failures().isEmpty() ? null : decision.failures().get(0).error();
        return new Explanation(item, chosen, error, verdicts);
    }

    private List<String> rejections(int c) {
        List<String> reasons = new ArrayList<>();
        if (pool.cell(c).evacuating()) {
            reasons.add(EVACUATING);
        }
        reasons.addAll(CellMatcher.incompatibilities(pool.cell(c), item.rootfs(), item.rules()));
        Resources needs = item.needs();
        if (pool.freeMemory(c) < needs.memoryMb()) {
            reasons.add("insufficient memory: " + pool.freeMemory(c) + " MB free, " + needs.memoryMb() + " MB needed");
        }
        if (pool.freeDisk(c) < needs.diskMb()) {
            reasons.add("insufficient disk: " + pool.freeDisk(c) + " MB free, " + needs.diskMb() + " MB needed");
        }
        if (pool.freeContainers(c) < needs.containers()) {
            reasons.add("insufficient containers: no free slot");
        }
        Integer cap = item.rules().maxInstancesPerCell();
        if (cap != null && spread.onCell(c) >= cap) {
            reasons.add("holds " + spread.onCell(c) + " instances of the process, its cap");
        }
        return reasons;
    }

    private Score score(int c) {
        return new Score(spread.inZone(pool.zoneOf(c)), CellMatcher.preference(pool.cell(c), item.rules()),
                spread.onCell(c), pool.useAfter(c, item.needs()));
    }

}
