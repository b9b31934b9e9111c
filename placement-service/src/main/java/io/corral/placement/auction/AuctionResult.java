package io.corral.placement.auction;

import java.util.List;

/**
 * An auction's decisions: a cell for each placed item, a reason for each one left
 * unplaced.
 */
public record AuctionResult(List<Placement> placements, List<Failure> failures) {

    public record Placement(WorkItem work, String cellId, String zone) {
    }

    public record Failure(WorkItem work, PlacementError error) {
    }
}
