package io.corral.placement.auction;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * docs/design.md's matching rule, as reasons: a cell matches work when this finds nothing
 * wrong. The auction, the explain endpoint and the constraint checks all ask here, so
 * they never disagree.
 */
public final class CellMatcher {

    private CellMatcher() {
    }

    /** Why the cell can never run this work, whatever its load; empty when it can. */
    public static List<String> incompatibilities(CellSpec cell, String rootfs, PlacementRules rules) {
        List<String> reasons = new ArrayList<>(0);
        for (String tag : new TreeSet<>(rules.requiredTags())) {
            if (!cell.hasTag(tag)) {
                reasons.add("lacks required tag " + tag);
            }
        }
        for (String tag : new TreeSet<>(cell.requiredTags())) {
            if (!rules.requiredTags().contains(tag)) {
                reasons.add("is isolated by tag " + tag + ", which the work does not require");
            }
        }
        for (String tag : new TreeSet<>(rules.forbiddenTags())) {
            if (cell.hasTag(tag)) {
                reasons.add("has forbidden tag " + tag);
            }
        }
        if (!cell.offers(rootfs)) {
            reasons.add("does not offer rootfs " + rootfs);
        }
        return reasons;
    }

    static int preference(CellSpec cell, PlacementRules rules) {
        int score = 0;
        for (var preferred : rules.preferredTags().entrySet()) {
            if (cell.hasTag(preferred.getKey())) {
                score += preferred.getValue();
            }
        }
        return score;
    }

}
