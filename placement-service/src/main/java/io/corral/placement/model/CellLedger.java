package io.corral.placement.model;

import io.corral.placement.auction.Occupancy;
import io.corral.placement.auction.Resources;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the cells hold, kept as work arrives on them and leaves, so that an auction reads
 * each cell's use and a process's spread instead of adding up every instance. Not
 * thread-safe: the model guards it.
 */
final class CellLedger {

    /** One instance or task on a cell, as the ledger counts it. */
    record Holding(String cellId, String process, Resources uses) {
    }

    private final Map<String, Resources> usedByCell = new HashMap<>();

    private final Map<String, Map<String, Integer>> instancesByProcess = new HashMap<>();

    void add(Holding holding) {
        usedByCell.merge(holding.cellId(), holding.uses(), Resources::plus);
        instancesByProcess.computeIfAbsent(holding.process(), process -> new HashMap<>())
            .merge(holding.cellId(), 1, Integer::sum);
    }

    void remove(Holding holding) {
        usedByCell.computeIfPresent(holding.cellId(), (cell, used) -> orNull(used.minus(holding.uses())));
        Map<String, Integer> cells = instancesByProcess.get(holding.process());
        cells.computeIfPresent(holding.cellId(), (cell, instances) -> instances == 1 ? null : instances - 1);
        if (cells.isEmpty()) {
            instancesByProcess.remove(holding.process());
        }
    }

    void clear() {
        usedByCell.clear();
        instancesByProcess.clear();
    }

    /** Every cell's use, and the spread of {@code processes} alone. */
    Occupancy occupancy(Set<String> processes) {
        Map<String, Map<String, Integer>> spreads = new HashMap<>();
        for (String process : processes) {
            Map<String, Integer> cells = instancesByProcess.get(process);
            if (cells != null) {
                spreads.put(process, Map.copyOf(cells));
            }
        }
        return new Occupancy(usedByCell, spreads);
    }

    /** An emptied cell leaves the map, so that it holds only cells with work. */
    private static Resources orNull(Resources used) {
        return used.containers() == 0 ? null : used;
    }

}
