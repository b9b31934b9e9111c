package io.corral.placement.auction;

import java.util.List;

/**
 * Everything one auction decides on: the cells, what already runs on them, and the work
 * to place.
 */
public record AuctionInput(List<CellSpec> cells, Occupancy occupancy, List<WorkItem> work) {

    public AuctionInput {
        cells = List.copyOf(cells);
        work = List.copyOf(work);
    }
}
