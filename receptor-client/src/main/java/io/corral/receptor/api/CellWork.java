package io.corral.receptor.api;

import java.util.List;

/** What a cell should be running: instances assigned to it, and its tasks not yet completed. */
public record CellWork(List<ActualLrp> actualLrps, List<Task> tasks) {
}
