package io.corral.placement.auction;

import java.util.Map;
import java.util.Set;

/**
 * Where one piece of work may and would rather run, with its space's constraint already
 * folded in.
 *
 * @param requiredTags every one must be on the cell (ANDed)
 * @param forbiddenTags none may be on the cell
 * @param preferredTags soft: among the cells of a zone, the highest sum of the weights of
 * the tags a cell has wins before instance spreading within the zone
 * @param maxInstancesPerCell at most this many instances of one process per cell; null
 * for no cap
 */
public record PlacementRules(Set<String> requiredTags, Set<String> forbiddenTags, Map<String, Integer> preferredTags,
        Integer maxInstancesPerCell) {

    public static final PlacementRules NONE = new PlacementRules(Set.of(), Set.of(), Map.of(), null);

    public PlacementRules {
        requiredTags = Set.copyOf(requiredTags);
        forbiddenTags = Set.copyOf(forbiddenTags);
        preferredTags = Map.copyOf(preferredTags);
    }

    public static PlacementRules requiring(Set<String> tags) {
        return new PlacementRules(tags, Set.of(), Map.of(), null);
    }
}
