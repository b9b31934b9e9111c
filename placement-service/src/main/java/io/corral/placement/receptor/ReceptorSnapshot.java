package io.corral.placement.receptor;

import io.corral.placement.auction.CellSpec;
import io.corral.placement.auction.Resources;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.Task;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the receptor holds at one moment, as much as placement needs of it. */
public record ReceptorSnapshot(List<Cell> cells, Map<String, DesiredLrp> desiredLrps, List<ActualLrp> actualLrps,
        List<Task> tasks) {

    /** The cells as the auction sees them. */
    public List<CellSpec> cellSpecs() {
        return cells.stream().map(ReceptorSnapshot::specOf).toList();
    }

    private static CellSpec specOf(Cell cell) {
        return new CellSpec(cell.cellId(), cell.zone(), setOf(cell.placementTags()),
                setOf(cell.optionalPlacementTags()), setOf(cell.rootfsProviders()),
                new Resources(cell.capacity().memoryMb(), cell.capacity().diskMb(), cell.capacity().containers()),
                cell.evacuating());
    }

    private static Set<String> setOf(List<String> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }
}
