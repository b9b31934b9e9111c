package io.corral.routes.web;

import io.corral.routes.table.RouterShards;
import io.corral.support.web.ApiException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads which endpoints a router wants from {@code router_tags} (comma-separated or
 * repeated) and {@code sharding_mode} (gorouter's {@code routing_table_sharding_mode}:
 * {@code all}, {@code segments}, {@code shared-and-segments}). Without a mode, a router
 * naming tags gets only those, and one naming none only the untagged endpoints.
 */
final class RouterFilter {

    private static final int MAX_TAGS = 64;

    private static final int MAX_TAG_LENGTH = 255;

    private RouterFilter() {
    }

    static RouterShards shards(List<String> routerTags, String shardingMode) {
        Set<String> tags = tags(routerTags);
        if (shardingMode == null || shardingMode.isEmpty()) {
            return RouterShards.segments(tags);
        }
        return switch (shardingMode) {
            case "all" -> RouterShards.ALL;
            case "segments" -> RouterShards.segments(tags);
            case "shared-and-segments" -> RouterShards.sharedAndSegments(tags);
            default ->
                throw ApiException.invalidRequest("sharding_mode: must be one of all, segments, shared-and-segments");
        };
    }

    private static Set<String> tags(List<String> routerTags) {
        Set<String> tags = new LinkedHashSet<>();
        for (String value : routerTags == null ? List.<String>of() : routerTags) {
            for (String tag : value.split(",", -1)) {
                String trimmed = tag.trim();
                if (trimmed.isEmpty() || trimmed.length() > MAX_TAG_LENGTH || trimmed.indexOf('\0') >= 0) {
                    throw ApiException.invalidRequest(
                            "router_tags: each tag must be 1 to " + MAX_TAG_LENGTH + " characters, without NUL");
                }
                tags.add(trimmed);
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw ApiException.invalidRequest("router_tags: at most " + MAX_TAGS + " tags");
        }
        return tags;
    }

}
