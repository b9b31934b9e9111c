package io.corral.placement.rollout;

/**
 * A rollout runs until every instance is final, unless a newer rollout of the same
 * constraint supersedes it.
 */
public enum RolloutState {

    RUNNING, COMPLETED, SUPERSEDED

}
