package io.corral.receptor.lrp;

import java.time.Duration;

/**
 * Diego's restart policy for crashed instances: the first three crashes restart at once;
 * after that each restart waits 30 s, doubling per crash up to 16 minutes; after 200
 * crashes the instance stays CRASHED.
 */
public final class CrashRestartPolicy {

    public static final int IMMEDIATE_RESTARTS = 3;

    public static final int MAX_CRASHES = 200;

    private static final Duration FIRST_WAIT = Duration.ofSeconds(30);

    private static final Duration MAX_WAIT = Duration.ofMinutes(16);

    private CrashRestartPolicy() {
    }

    /**
     * Whether an instance that has now crashed {@code crashCount} times goes straight
     * back to UNCLAIMED.
     */
    public static boolean restartsAtOnce(int crashCount) {
        return crashCount <= IMMEDIATE_RESTARTS;
    }

    /**
     * How long an instance with {@code crashCount} crashes stays CRASHED before its
     * restart.
     */
    public static Duration waitBeforeRestart(int crashCount) {
        if (restartsAtOnce(crashCount)) {
            return Duration.ZERO;
        }
        int doublings = Math.min(crashCount - IMMEDIATE_RESTARTS - 1, 10);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    /**
     * Whether a CRASHED instance, crashed {@code crashedAtNs}, is due a restart at
     * {@code nowNs}.
     */
    public static boolean restartDue(int crashCount, long crashedAtNs, long nowNs) {
        return crashCount < MAX_CRASHES && nowNs - crashedAtNs >= waitBeforeRestart(crashCount).toNanos();
    }

}
