package io.corral.placement.auction;

import java.util.Set;

/**
 * A cell as the auction sees it. Its {@code requiredTags} isolate it (it runs only work
 * that requires all of them); {@code optionalTags} only let work that asks for them in.
 * An {@code evacuating} cell is shutting down: it takes no work, and what still runs on
 * it is on its way elsewhere.
 */
public record CellSpec(String cellId, String zone, Set<String> requiredTags, Set<String> optionalTags,
        Set<String> rootfsProviders, Resources capacity, boolean evacuating) {

    public CellSpec {
        requiredTags = Set.copyOf(requiredTags);
        optionalTags = Set.copyOf(optionalTags);
        rootfsProviders = Set.copyOf(rootfsProviders);
    }

    /** A cell taking work. */
    public CellSpec(String cellId, String zone, Set<String> requiredTags, Set<String> optionalTags,
            Set<String> rootfsProviders, Resources capacity) {
        this(cellId, zone, requiredTags, optionalTags, rootfsProviders, capacity, false);
    }

    /**
     * A rootfs is offered when a provider names it whole ({@code preloaded:cflinuxfs4})
     * or names its scheme ({@code docker} for {@code docker:///image}).
     */
    public boolean offers(String rootfs) {
        if (rootfsProviders.contains(rootfs)) {
            return true;
        }
        int colon = rootfs.indexOf(':');
        return colon > 0 && rootfsProviders.contains(rootfs.substring(0, colon));
    }

    public boolean hasTag(String tag) {
        return requiredTags.contains(tag) || optionalTags.contains(tag);
    }
}
