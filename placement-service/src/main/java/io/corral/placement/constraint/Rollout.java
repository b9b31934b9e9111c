package io.corral.placement.constraint;

/**
 * How a changed constraint reaches the instances already running:
 * {@code ?rollout=none|rolling}.
 */
public enum Rollout {

    /** Only work placed from now on follows the new constraint. */
    NONE,
    /**
     * Running instances that break it are replaced one by one (docs/design.md, rolling
     * rebalance).
     */
    ROLLING

}
