package io.corral.receptor.lrp;

import static io.corral.receptor.api.ActualLrpState.CLAIMED;
import static io.corral.receptor.api.ActualLrpState.CRASHED;
import static io.corral.receptor.api.ActualLrpState.RUNNING;
import static io.corral.receptor.api.ActualLrpState.UNCLAIMED;

import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.common.IllegalTransitionException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The actual LRP state machine. Each step takes the instance's status and returns the
 * next one, or throws {@link IllegalTransitionException}; a step repeated by a retrying
 * cell returns the status unchanged. A new incarnation (after a crash, or a lost cell the
 * instance was not running on yet) gets a new instance guid.
 *
 * <p>
 * An instance being replaced, evacuating or suspect, keeps running on its cell beside a
 * new instance of its index, and lives only as long as it runs: a step that takes it out
 * of RUNNING {@link #ends} it, and it goes for good once its replacement runs
 * ({@link #replacesStandIn}). A suspect whose cell heartbeats again before that becomes
 * its index's instance again ({@link #suspectReturns}).
 */
public final class InstanceLifecycle {

    private final Supplier<String> guids;

    public InstanceLifecycle(Supplier<String> guids) {
        this.guids = guids;
    }

    public InstanceStatus unclaimed(long nowNs) {
        return new InstanceStatus(guids.get(), UNCLAIMED, null, null, null, null, nowNs, 0, null,
                ActualLrpPresence.ORDINARY);
    }

    /**
     * The placement service picked {@code cellId}; the instance waits there to be
     * claimed.
     */
    public InstanceStatus assign(InstanceStatus s, String cellId, long nowNs) {
        if (s.state() == UNCLAIMED && cellId.equals(s.cellId())) {
            return s;
        }
        require(s.state() == UNCLAIMED && s.cellId() == null, s, "assign it to a cell");
        return new InstanceStatus(s.instanceGuid(), UNCLAIMED, cellId, null, null, null, nowNs, s.crashCount(),
                s.crashReason(), s.presence());
    }

    /**
     * No cell fits; the instance stays UNCLAIMED with the reason, to be placed again
     * later.
     */
    public InstanceStatus placementFailed(InstanceStatus s, String placementError, long nowNs) {
        require(s.state() == UNCLAIMED, s, "record a placement error");
        return new InstanceStatus(s.instanceGuid(), UNCLAIMED, null, null, null, placementError, nowNs, s.crashCount(),
                s.crashReason(), s.presence());
    }

    public InstanceStatus claim(InstanceStatus s, String cellId, long nowNs) {
        if (s.state() == CLAIMED && cellId.equals(s.cellId())) {
            return s;
        }
        require(s.state() == UNCLAIMED && cellId.equals(s.cellId()), s, "claim it on cell " + cellId);
        return new InstanceStatus(s.instanceGuid(), CLAIMED, cellId, null, null, null, nowNs, s.crashCount(),
                s.crashReason(), s.presence());
    }

    /**
     * The instance runs on its cell; one being replaced only hears its start repeated.
     */
    public InstanceStatus start(InstanceStatus s, String cellId, String address, String ports, long nowNs) {
        if (s.state() == RUNNING && cellId.equals(s.cellId()) && Objects.equals(address, s.address())
                && Objects.equals(ports, s.ports())) {
            return s;
        }
        requireOnCell(s, cellId, Set.of(UNCLAIMED, CLAIMED, RUNNING), "start it");
        require(s.ordinary(), s, "start it anew");
        return new InstanceStatus(s.instanceGuid(), RUNNING, cellId, address, ports, null, nowNs, s.crashCount(),
                s.crashReason(), s.presence());
    }

    /**
     * The instance died on its cell: restart at once or wait, as
     * {@link CrashRestartPolicy} says. An instance being replaced (evacuating or suspect)
     * is not restarted: it ends CRASHED, its replacement stands in for it.
     */
    public InstanceStatus crash(InstanceStatus s, String cellId, String reason, long nowNs) {
        requireOnCell(s, cellId, Set.of(CLAIMED, RUNNING), "crash it");
        int crashes = s.crashCount() + 1;
        if (CrashRestartPolicy.restartsAtOnce(crashes) && s.ordinary()) {
            return new InstanceStatus(guids.get(), UNCLAIMED, null, null, null, null, nowNs, crashes, reason,
                    ActualLrpPresence.ORDINARY);
        }
        return new InstanceStatus(s.instanceGuid(), CRASHED, null, null, null, null, nowNs, crashes, reason,
                s.presence());
    }

    /** The cell could not start the instance; it goes back to be placed elsewhere. */
    public InstanceStatus fail(InstanceStatus s, String cellId, String placementError, long nowNs) {
        requireOnCell(s, cellId, Set.of(UNCLAIMED, CLAIMED), "fail it");
        return new InstanceStatus(guids.get(), UNCLAIMED, null, null, null, placementError, nowNs, s.crashCount(),
                s.crashReason(), s.presence());
    }

    /** Convergence: a CRASHED instance whose wait is over becomes UNCLAIMED again. */
    public InstanceStatus restart(InstanceStatus s, long nowNs) {
        require(s.state() == CRASHED && CrashRestartPolicy.restartDue(s.crashCount(), s.sinceNs(), nowNs), s,
                "restart it");
        return new InstanceStatus(guids.get(), UNCLAIMED, null, null, null, null, nowNs, s.crashCount(),
                s.crashReason(), s.presence());
    }

    /**
     * Convergence: the instance's cell is gone (or, for an instance only assigned there,
     * did not claim it in time). A RUNNING instance becomes suspect: for all anyone knows
     * it still runs, so it stays as it is, routable, while a new instance of its index is
     * placed. Any other is released from the cell to be placed again (an evacuating one
     * ends); a suspect stays suspect.
     */
    public InstanceStatus cellLost(InstanceStatus s, long nowNs) {
        require(s.cellId() != null, s, "release it from its cell");
        if (s.suspect()) {
            return s;
        }
        if (s.ordinary() && s.state() == RUNNING) {
            return s.withPresence(ActualLrpPresence.SUSPECT);
        }
        return new InstanceStatus(guids.get(), UNCLAIMED, null, null, null, null, nowNs, s.crashCount(),
                s.crashReason(), s.presence());
    }

    /**
     * Whether a suspect whose cell heartbeats again becomes its index's instance again:
     * unless {@code current}, the index's current instance (null when it has none), runs
     * already.
     */
    public boolean suspectReturns(InstanceStatus current) {
        return current == null || current.state() != RUNNING;
    }

    /** The suspect's cell is back: it is its index's instance again, as it was. */
    public InstanceStatus cellReturned(InstanceStatus s) {
        require(s.suspect(), s, "take it back on its cell");
        return s.withPresence(ActualLrpPresence.ORDINARY);
    }

    /**
     * The placement service moves a RUNNING instance away: it keeps running where it is,
     * with its address and ports, marked evacuating, while a new instance of its index is
     * placed.
     */
    public InstanceStatus evacuate(InstanceStatus s) {
        require(s.state() == RUNNING && s.ordinary(), s, "evacuate it");
        return s.withPresence(ActualLrpPresence.EVACUATING);
    }

    /**
     * Whether a step left an instance being replaced (evacuating or suspect) out of
     * RUNNING: then it is removed, not placed again.
     */
    public boolean ends(InstanceStatus s) {
        return !s.ordinary() && s.state() != RUNNING;
    }

    /**
     * Whether {@code s}, an index's current instance, runs: the instance it replaces
     * (evacuating or suspect) is then no longer needed.
     */
    public boolean replacesStandIn(InstanceStatus s) {
        return s.ordinary() && s.state() == RUNNING;
    }

    /** The cell may remove only an instance it holds. */
    public void requireRemovable(InstanceStatus s, String cellId) {
        requireOnCell(s, cellId, Set.of(ActualLrpState.values()), "remove it");
    }

    private static void requireOnCell(InstanceStatus s, String cellId, Set<ActualLrpState> states, String what) {
        require(states.contains(s.state()) && cellId.equals(s.cellId()), s, what + " from cell " + cellId);
    }

    private static void require(boolean allowed, InstanceStatus s, String what) {
        if (!allowed) {
            String where = s.cellId() == null ? "no cell" : "cell " + s.cellId();
            throw new IllegalTransitionException("cannot " + what + ": instance " + s.instanceGuid() + " is "
                    + (s.ordinary() ? "" : s.presence().name().toLowerCase(Locale.ROOT) + ", ") + s.state() + " on "
                    + where);
        }
    }

}
