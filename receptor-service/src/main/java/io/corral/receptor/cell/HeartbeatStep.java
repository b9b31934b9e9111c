package io.corral.receptor.cell;

/**
 * What a feature does about a cell that heartbeats, in the heartbeat's transaction once
 * the cell is present again: the cell knows no feature, each brings its own step.
 */
public interface HeartbeatStep {

    /** The cell {@code cellId} is present; runs in the heartbeat's transaction. */
    void cellPresent(String cellId);

}
