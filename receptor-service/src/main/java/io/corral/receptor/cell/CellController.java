package io.corral.receptor.cell;

import io.corral.receptor.api.ApiPatterns;
import io.corral.receptor.api.Cell;
import io.corral.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
public class CellController {

    private final CellService cells;

    public CellController(CellService cells) {
        this.cells = cells;
    }

    /** A cell's heartbeat: announces or refreshes it for {@code ttl_seconds}. */
    @Operation(summary = "Announce or refresh a cell (heartbeat)")
    @PutMapping("/v1/cells/{cell_id}")
    public Cell heartbeat(@PathVariable("cell_id") String cellId, @Valid @RequestBody Cell heartbeat) {
        if (!ApiPatterns.isGuid(cellId)) {
            throw ApiException.invalidRequest("cell_id: " + ApiPatterns.GUID_RULE);
        }
        return cells.heartbeat(cellId, heartbeat);
    }

    /**
     * With a weak entity tag; a reader sending it back in {@code If-None-Match} gets 304
     * until a cell appears, leaves or changes anything but its expiry.
     */
    @Operation(summary = "List the present cells")
    @GetMapping("/v1/cells")
    public List<Cell> present(WebRequest request) {
        if (request.checkNotModified(cells.presentVersion())) {
            return null;
        }
        return cells.present();
    }

}
