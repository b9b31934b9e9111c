package io.corral.placement.model;

import io.corral.placement.auction.Occupancy;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.Task;
import java.util.List;
import java.util.Map;

/**
 * What an auction needs of the model: the instances and tasks waiting for a cell, the
 * desired LRPs of those instances by {@code process_guid}, and what the cells hold, with
 * the spread of every process waiting.
 */
public record Backlog(Map<String, DesiredLrp> desiredLrps, List<ActualLrp> instances, List<Task> tasks,
        Occupancy occupancy) {

    public Backlog {
        desiredLrps = Map.copyOf(desiredLrps);
        instances = List.copyOf(instances);
        tasks = List.copyOf(tasks);
    }

}
