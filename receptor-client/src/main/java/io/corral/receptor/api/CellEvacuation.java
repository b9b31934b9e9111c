package io.corral.receptor.api;

import java.util.List;

/**
 * What {@code POST /v1/cells/{cell_id}/evacuate} did to the cell's work: the cell takes
 * no new work from then on.
 *
 * @param evacuating the cell's RUNNING instances, each now evacuating: it runs on,
 * routable, until the new instance of its index runs on another cell
 * @param released the instances that were placed on the cell or claimed by it and did not
 * run yet, as they are now: UNCLAIMED with a new {@code instance_guid}, to be placed
 * elsewhere
 * @param releasedTasks the tasks the cell had claimed and not started, now PENDING to be
 * placed elsewhere
 */
public record CellEvacuation(String cellId, List<ActualLrp> evacuating, List<ActualLrp> released,
        List<Task> releasedTasks) {
}
