package io.corral.placement.model;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.Task;
import java.util.List;
import java.util.Map;

/**
 * The model at one moment, with pending cells applied, as an auction walks it: desired
 * LRPs by {@code process_guid}, every actual LRP and every task.
 */
public record ModelSnapshot(Map<String, DesiredLrp> desiredLrps, List<ActualLrp> actualLrps, List<Task> tasks) {
}
