package io.corral.receptor.convergence;

/**
 * One part of a convergence pass (LRP indices, crashed instances, gone cells, tasks,
 * ...). The convergence runner calls every step on the replica that holds the convergence
 * lease.
 */
public interface ConvergenceStep {

    /** A short name for logs and the {@code step} tag of metrics. */
    String name();

    /**
     * Brings one kind of record back in line with what is desired, in transactions of its
     * own that stay short however many records need it; returns how many it changed.
     */
    int converge();

}
