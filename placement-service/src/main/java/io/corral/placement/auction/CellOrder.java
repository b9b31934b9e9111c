package io.corral.placement.auction;

import java.util.Comparator;

/**
 * The order of cells within a zone for one demand group: the highest preference, then the
 * fewest instances of the process, then the lowest resource use once placed, then cell
 * id. Preference leads so preferred cells take the work round-robin until they are full
 * or at the process's cap; without preferences this is docs/design.md's order.
 *
 * <p>
 * The keys are computed once per cell into arrays indexed by cell, so comparing is cheap
 * (the auction compares cells millions of times); {@link #refresh} recomputes a cell's
 * after work was put on it, the only change while a group is placed.
 */
final class CellOrder implements Comparator<Integer> {

    private final CellPool pool;

    private final Resources needs;

    private final ProcessSpread spread;

    private final int[] preference;

    private final int[] instances;

    private final double[] use;

    /**
     * The order of {@code cells}; other cells' keys are left as they were and must not be
     * compared.
     */
    CellOrder(CellPool pool, DemandGroup group, ProcessSpread spread, int[] cells) {
        this.pool = pool;
        this.needs = group.needs();
        this.spread = spread;
        this.preference = pool.scratchInts(0);
        this.instances = pool.scratchInts(1);
        this.use = pool.scratchDoubles();
        boolean prefers = !group.rules().preferredTags().isEmpty();
        for (int c : cells) {
            preference[c] = prefers ? CellMatcher.preference(pool.cell(c), group.rules()) : 0;
            refresh(c);
        }
    }

    /** Takes in what was put on {@code cell} since its keys were computed. */
    void refresh(int cell) {
        instances[cell] = spread.onCell(cell);
        use[cell] = pool.useAfter(cell, needs);
    }

    int preference(int cell) {
        return preference[cell];
    }

    double use(int cell) {
        return use[cell];
    }

    @Override
    public int compare(Integer a, Integer b) {
        int x = a;
        int y = b;
        if (preference[x] != preference[y]) {
            return preference[x] > preference[y] ? -1 : 1;
        }
        if (instances[x] != instances[y]) {
            return instances[x] < instances[y] ? -1 : 1;
        }
        int byUse = Double.compare(use[x], use[y]);
        return byUse != 0 ? byUse : Integer.compare(x, y);
    }

}
