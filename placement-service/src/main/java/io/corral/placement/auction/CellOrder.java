package io.corral.placement.auction;

import java.util.Comparator;

/**
 * The order of cells within a zone for one demand group: the highest preference, then the fewest
 * instances of the process, then the lowest resource use once placed, then cell id. Preference
 * leads so preferred cells take the work round-robin until they are full or at the process's cap;
 * without preferences this is DESIGN.md's order.
 */
final class CellOrder {

    private CellOrder() {
    }

    static Comparator<Integer> of(CellPool pool, DemandGroup group, ProcessSpread spread) {
        int[] preference = preferences(pool, group.rules());
        Resources needs = group.needs();
        return Comparator.<Integer>comparingInt(c -> -preference[c])
                .thenComparingInt(spread::onCell)
                .thenComparingDouble(c -> pool.useAfter(c, needs))
                .thenComparingInt(c -> c);
    }

    private static int[] preferences(CellPool pool, PlacementRules rules) {
        int[] preference = new int[pool.size()];
        if (!rules.preferredTags().isEmpty()) {
            for (int c = 0; c < pool.size(); c++) {
                preference[c] = CellMatcher.preference(pool.cell(c), rules);
            }
        }
        return preference;
    }
}
