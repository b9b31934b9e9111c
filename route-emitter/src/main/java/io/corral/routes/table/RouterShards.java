package io.corral.routes.table;

import java.util.Set;

/**
 * Which endpoints a router holds, by their {@code isolation_segment}, as gorouter's
 * {@code routing_table_sharding_mode} decides: {@code all}, {@code segments} (only the
 * named ones), or {@code shared-and-segments} (the named ones and the untagged ones).
 */
public record RouterShards(boolean all, Set<String> segments, boolean shared) {

    public static final RouterShards ALL = new RouterShards(true, Set.of(), true);

    /** A router with no segments: the untagged endpoints only. */
    public static final RouterShards SHARED = new RouterShards(false, Set.of(), true);

    public RouterShards {
        segments = Set.copyOf(segments);
    }

    public static RouterShards segments(Set<String> segments) {
        return segments.isEmpty() ? SHARED : new RouterShards(false, segments, false);
    }

    public static RouterShards sharedAndSegments(Set<String> segments) {
        return new RouterShards(false, segments, true);
    }

    public boolean serves(String isolationSegment) {
        if (all) {
            return true;
        }
        return isolationSegment == null ? shared : segments.contains(isolationSegment);
    }

}
