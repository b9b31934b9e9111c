package io.corral.placement.auction;

import java.util.HashMap;
import java.util.Map;

/** How many instances of one process each zone and each cell holds. */
final class ProcessSpread {

    private final int[] perZone;

    private final Map<Integer, Integer> perCell = new HashMap<>();

    ProcessSpread(int zones) {
        perZone = new int[zones];
    }

    void add(int cell, int zone, int instances) {
        perZone[zone] += instances;
        perCell.merge(cell, instances, Integer::sum);
    }

    int inZone(int zone) {
        return perZone[zone];
    }

    int onCell(int cell) {
        return perCell.getOrDefault(cell, 0);
    }

}
