package io.corral.receptor.client;

import io.corral.receptor.api.Cell;
import java.util.List;

/**
 * The present cells as {@code GET /v1/cells} listed them, with the entity tag that asks
 * the receptor for them again only once they have changed (null if it gave none).
 */
public record CellList(List<Cell> cells, String entityTag) {

    public CellList {
        cells = List.copyOf(cells);
    }

}
