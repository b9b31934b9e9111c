package io.corral.placement.constraint;

import io.corral.placement.auction.PlacementRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every stored constraint and default at one moment, immutable: what the auction asks for
 * each piece of work's effective rules. A space's own constraint for a lifecycle applies,
 * else that lifecycle's default, else none.
 */
public final class ConstraintBook {

    private static final Comparator<ConstraintGroup> DEFAULT_FIRST_THEN_BY_SPACE = Comparator
        .comparing((ConstraintGroup group) -> !group.isDefault())
        .thenComparing(group -> group.spaceGuids().isEmpty() ? "" : group.spaceGuids().get(0));

    private final Map<ConstraintScope, PlacementConstraint> constraints;

    public ConstraintBook(Map<ConstraintScope, PlacementConstraint> constraints) {
        this.constraints = Map.copyOf(constraints);
    }

    /**
     * The constraint that applies to the work of {@code spaceGuid} (null: a space
     * unknown, so the default).
     */
    public Optional<PlacementConstraint> effective(String spaceGuid, Lifecycle lifecycle) {
        PlacementConstraint own = spaceGuid == null ? null
                : constraints.get(ConstraintScope.space(spaceGuid, lifecycle));
        return Optional.ofNullable(own != null ? own : constraints.get(ConstraintScope.defaultOf(lifecycle)));
    }

    /**
     * The rules of one piece of work: required tags are its own {@code ownPlacementTags}
     * (null for none) and the effective constraint's; forbidden and preferred tags and
     * the cap are the constraint's.
     */
    public PlacementRules rulesFor(String spaceGuid, Lifecycle lifecycle, Collection<String> ownPlacementTags) {
        return effective(spaceGuid, lifecycle).orElse(PlacementConstraint.NONE)
            .rulesWith(ownPlacementTags == null ? List.of() : ownPlacementTags);
    }

    /**
     * The distinct constraints of each of {@code lifecycles}, in their order, each with
     * the spaces that have exactly it; within a lifecycle the default comes first, then
     * by first space.
     */
    public List<ConstraintGroup> groups(Collection<Lifecycle> lifecycles) {
        List<ConstraintGroup> groups = new ArrayList<>();
        for (Lifecycle lifecycle : lifecycles) {
            PlacementConstraint fallback = constraints.get(ConstraintScope.defaultOf(lifecycle));
            Map<PlacementConstraint, SortedSet<String>> spaces = new HashMap<>();
            if (fallback != null) {
                spaces.put(fallback, new TreeSet<>());
            }
            constraints.forEach((scope, constraint) -> {
                if (scope.lifecycle() == lifecycle && !scope.isDefault()) {
                    spaces.computeIfAbsent(constraint, c -> new TreeSet<>()).add(scope.spaceGuid());
                }
            });
            spaces.entrySet()
                .stream()
                .map(entry -> new ConstraintGroup(lifecycle, entry.getKey(), entry.getKey().equals(fallback),
                        List.copyOf(entry.getValue())))
                .sorted(DEFAULT_FIRST_THEN_BY_SPACE)
                .forEach(groups::add);
        }
        return groups;
    }

}
