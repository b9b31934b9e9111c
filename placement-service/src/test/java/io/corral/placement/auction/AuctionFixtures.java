package io.corral.placement.auction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Cells and work for auction tests; tests change only what they are about. */
final class AuctionFixtures {

    static final String CFLINUXFS4 = "preloaded:cflinuxfs4";
    static final Resources BIG = new Resources(131_072, 409_600, 250);

    private AuctionFixtures() {
    }

    static CellSpec cell(String id, String zone, String... optionalTags) {
        return new CellSpec(id, zone, Set.of(), Set.of(optionalTags), Set.of(CFLINUXFS4, "docker"), BIG);
    }

    static CellSpec isolatedCell(String id, String zone, String... requiredTags) {
        return new CellSpec(id, zone, Set.of(requiredTags), Set.of(), Set.of(CFLINUXFS4, "docker"), BIG);
    }

    static CellSpec evacuatingCell(String id, String zone) {
        return new CellSpec(id, zone, Set.of(), Set.of(), Set.of(CFLINUXFS4, "docker"), BIG, true);
    }

    static CellSpec cellWith(String id, String zone, Resources capacity) {
        return new CellSpec(id, zone, Set.of(), Set.of(), Set.of(CFLINUXFS4), capacity);
    }

    /**
     * {@code count} instances of {@code process}, each taking 1 GiB of memory and disk.
     */
    static List<WorkItem> instances(String process, int count, PlacementRules rules) {
        return instances(process, count, CFLINUXFS4, Resources.ofInstance(1024, 1024), rules);
    }

    static List<WorkItem> instances(String process, int count, String rootfs, Resources needs, PlacementRules rules) {
        List<WorkItem> work = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            work.add(new WorkItem(process + "/" + index, process, rootfs, needs, rules));
        }
        return work;
    }

    static PlacementRules requiring(String... tags) {
        return PlacementRules.requiring(Set.of(tags));
    }

    static PlacementRules preferring(Map<String, Integer> weights) {
        return new PlacementRules(Set.of(), Set.of(), weights, null);
    }

    static AuctionResult auction(List<CellSpec> cells, List<WorkItem> work) {
        return new Auction().run(new AuctionInput(cells, Occupancy.NONE, work));
    }

    /** Each cell's use and each process's spread, added up from the work on the cells. */
    static Occupancy occupancyOf(List<PlacedInstance> placed) {
        Map<String, Resources> used = new HashMap<>();
        Map<String, Map<String, Integer>> instances = new HashMap<>();
        for (PlacedInstance instance : placed) {
            used.merge(instance.cellId(), instance.uses(), Resources::plus);
            instances.computeIfAbsent(instance.process(), process -> new HashMap<>())
                .merge(instance.cellId(), 1, Integer::sum);
        }
        return new Occupancy(used, instances);
    }

}
