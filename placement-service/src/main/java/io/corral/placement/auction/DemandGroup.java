package io.corral.placement.auction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Work that is alike for placement: one process, one rootfs, the same needs and rules.
 */
record DemandGroup(String process, String rootfs, Resources needs, PlacementRules rules, List<WorkItem> items) {

    private record Key(String process, String rootfs, Resources needs, PlacementRules rules) {
    }

    /** Groups work in the order its first item appears. */
    static List<DemandGroup> of(List<WorkItem> work) {
        Map<Key, List<WorkItem>> groups = new LinkedHashMap<>();
        for (WorkItem item : work) {
            groups
                .computeIfAbsent(new Key(item.process(), item.rootfs(), item.needs(), item.rules()),
                        key -> new ArrayList<>())
                .add(item);
        }
        List<DemandGroup> result = new ArrayList<>(groups.size());
        groups.forEach((key, items) -> result
            .add(new DemandGroup(key.process(), key.rootfs(), key.needs(), key.rules(), items)));
        return result;
    }
}
