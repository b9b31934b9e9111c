package io.corral.receptor.api;

import java.util.List;

/**
 * What a cell should be running: instances assigned to it, and its tasks not yet
 * completed. {@code event_id} is the newest event this answer reflects; a cell passes it
 * back as {@code after_event_id} to wait for the next change.
 */
public record CellWork(long eventId, List<ActualLrp> actualLrps, List<Task> tasks) {
}
