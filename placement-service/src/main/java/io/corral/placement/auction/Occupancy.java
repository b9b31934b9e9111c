package io.corral.placement.auction;

import java.util.Map;

/**
 * What already runs on the cells, as an auction needs it: the resources used on each cell
 * and, for the processes it asks about, how many instances each cell holds. A process not
 * listed holds none anywhere, so whoever builds one lists every process the auction
 * places.
 *
 * @param usedByCell resources in use by cell id; a cell not listed uses none
 * @param instancesByProcess by process, its instance count by cell id
 */
public record Occupancy(Map<String, Resources> usedByCell, Map<String, Map<String, Integer>> instancesByProcess) {

    public static final Occupancy NONE = new Occupancy(Map.of(), Map.of());

    public Occupancy {
        usedByCell = Map.copyOf(usedByCell);
        instancesByProcess = Map.copyOf(instancesByProcess);
    }

    public Resources usedOn(String cellId) {
        return usedByCell.getOrDefault(cellId, Resources.NONE);
    }

    /** The cells holding instances of {@code process}, with how many each holds. */
    public Map<String, Integer> cellsHolding(String process) {
        return instancesByProcess.getOrDefault(process, Map.of());
    }

}
