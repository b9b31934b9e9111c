package io.corral.placement.auction;

import java.util.List;

/**
 * Every cell's verdict on one piece of work: cells that could take it first, in the order
 * the auction would choose among them, then the rejected ones with their reasons.
 *
 * @param chosenCellId the cell the auction would pick, or null
 * @param placementError why none fits, or null
 */
public record Explanation(WorkItem work, String chosenCellId, PlacementError placementError, List<CellVerdict> cells) {

    /**
     * One cell: the reasons it cannot take the work (empty when it can), else its score.
     */
    public record CellVerdict(String cellId, String zone, List<String> rejections, Score score) {
    }

    /**
     * What ranks a cell that can take the work; lower sorts first except preference.
     *
     * @param zoneInstances instances of the process in the cell's zone
     * @param preference the weights of the preferred tags the cell has
     * @param cellInstances instances of the process on the cell
     * @param resourceUse the cell's mean used fraction of memory, disk and slots once
     * placed
     */
    public record Score(int zoneInstances, int preference, int cellInstances, double resourceUse) {
    }
}
