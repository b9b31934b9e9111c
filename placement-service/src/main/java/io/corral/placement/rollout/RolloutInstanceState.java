package io.corral.placement.rollout;

/** Where one violating instance is in a rollout. */
public enum RolloutInstanceState {

    /** Waits for its turn: one instance per process is replaced at a time. */
    PENDING,
    /** Evacuating: the old instance keeps running until its replacement is RUNNING. */
    REPLACING,
    /** The replacement runs and the old instance is gone. */
    REPLACED,
    /**
     * The old instance went away by itself (stopped, crashed, scaled down); nothing to
     * replace.
     */
    GONE,
    /**
     * The old instance's cell no longer breaks its rules (the constraint changed again).
     */
    SKIPPED;

    public boolean isFinal() {
        return this == REPLACED || this == GONE || this == SKIPPED;
    }

}
