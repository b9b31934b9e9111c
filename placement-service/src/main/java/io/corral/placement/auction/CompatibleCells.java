package io.corral.placement.auction;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Which cells can run work of a kind, worked out once per kind in an auction: those that
 * match it and are not evacuating.
 */
final class CompatibleCells {

    private record Kind(String rootfs, Set<String> requiredTags, Set<String> forbiddenTags) {
    }

    private final CellPool pool;

    private final Map<Kind, int[]> cache = new HashMap<>();

    CompatibleCells(CellPool pool) {
        this.pool = pool;
    }

    int[] of(DemandGroup group) {
        PlacementRules rules = group.rules();
        return cache.computeIfAbsent(new Kind(group.rootfs(), rules.requiredTags(), rules.forbiddenTags()),
                kind -> IntStream.range(0, pool.size())
                    .filter(c -> !pool.cell(c).evacuating()
                            && CellMatcher.incompatibilities(pool.cell(c), group.rootfs(), rules).isEmpty())
                    .toArray());
    }

}
