package io.corral.placement.constraint;

import io.corral.placement.auction.PlacementRules;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where the work of a space (or, as a default, of every space without one) may and would
 * rather run, for one lifecycle. Collections are copied sorted and unmodifiable; null
 * means empty.
 *
 * @param tags required tags: every one must be on the cell (ANDed), beside the work's own
 * tags
 * @param forbiddenTags none may be on the cell
 * @param preferredTags soft preferences: tag to weight (1..100)
 * @param maxInstancesPerCell at most this many instances of one process per cell; null
 * for no cap
 */
public record PlacementConstraint(Set<String> tags, Set<String> forbiddenTags, Map<String, Integer> preferredTags,
        Integer maxInstancesPerCell) {

    /** No constraint: work needs only its own tags. */
    public static final PlacementConstraint NONE = new PlacementConstraint(Set.of(), Set.of(), Map.of(), null);

    public PlacementConstraint {
        tags = sorted(tags);
        forbiddenTags = sorted(forbiddenTags);
        preferredTags = Collections
            .unmodifiableSortedMap(preferredTags == null ? new TreeMap<>() : new TreeMap<>(preferredTags));
    }

    /**
     * The rules for work that asks for {@code ownTags} itself: its own tags and this
     * constraint's, ANDed.
     */
    public PlacementRules rulesWith(Collection<String> ownTags) {
        Set<String> required = new HashSet<>(ownTags);
        required.addAll(tags);
        return new PlacementRules(required, forbiddenTags, preferredTags, maxInstancesPerCell);
    }

    private static Set<String> sorted(Collection<String> values) {
        return Collections.unmodifiableSortedSet(values == null ? new TreeSet<>() : new TreeSet<>(values));
    }
}
