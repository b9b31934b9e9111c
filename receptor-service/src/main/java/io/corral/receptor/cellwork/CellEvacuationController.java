package io.corral.receptor.cellwork;

import io.corral.receptor.api.ApiPatterns;
import io.corral.receptor.api.CellEvacuation;
import io.corral.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A cell's agent shutting down asks for its cell's evacuation (Diego's rep evacuates its
 * instances one by one; here the cell does it in one call, and only for itself).
 */
@RestController
public class CellEvacuationController {

    private final CellEvacuations evacuations;

    public CellEvacuationController(CellEvacuations evacuations) {
        this.evacuations = evacuations;
    }

    @Operation(summary = "Evacuate the cell: it takes no new work and its instances move to other cells")
    @PostMapping("/v1/cells/{cell_id}/evacuate")
    public CellEvacuation evacuate(@PathVariable("cell_id") String cellId) {
        if (!ApiPatterns.isGuid(cellId)) {
            throw ApiException.invalidRequest("cell_id: " + ApiPatterns.GUID_RULE);
        }
        return evacuations.evacuate(cellId);
    }

}
