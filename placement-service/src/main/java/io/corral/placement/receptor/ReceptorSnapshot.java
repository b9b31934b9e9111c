package io.corral.placement.receptor;

import io.corral.placement.auction.CellSpec;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.Task;
import java.util.List;
import java.util.Map;

/** What the receptor holds at one moment, as much as placement needs of it. */
public record ReceptorSnapshot(List<Cell> cells, Map<String, DesiredLrp> desiredLrps, List<ActualLrp> actualLrps,
        List<Task> tasks) {

    /** The cells as the auction sees them. */
    public List<CellSpec> cellSpecs() {
        return CellSpecs.of(cells);
    }

}
