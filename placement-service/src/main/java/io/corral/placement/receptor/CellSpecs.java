package io.corral.placement.receptor;

import io.corral.placement.auction.CellSpec;
import io.corral.placement.auction.Resources;
import io.corral.receptor.api.Cell;
import java.util.List;
import java.util.Set;

/** The receptor's cells as the auction sees them. */
final class CellSpecs {

    private CellSpecs() {
    }

    static List<CellSpec> of(List<Cell> cells) {
        return cells.stream().map(CellSpecs::specOf).toList();
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
