package io.corral.receptor.lrp;

import io.corral.receptor.common.EpochNanos;
import io.corral.receptor.convergence.ConvergenceProperties;
import io.corral.receptor.convergence.ConvergenceStep;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * An instance assigned to a cell that did not claim it within the placement timeout is
 * released from that cell (with a new instance guid, so a late claim is refused) and
 * placed again.
 */
@Component
@Order(20)
class PlacementTimeoutStep implements ConvergenceStep {

    private final ActualLrpRepository actual;

    private final ActualLrpStore store;

    private final ConvergenceBatches batches;

    private final ConvergenceProperties properties;

    PlacementTimeoutStep(ActualLrpRepository actual, ActualLrpStore store, ConvergenceBatches batches,
            ConvergenceProperties properties) {
        this.actual = actual;
        this.store = store;
        this.batches = batches;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "lrp-placement-timeout";
    }

    @Override
    public int converge() {
        long now = EpochNanos.now();
        long assignedBy = now - properties.placementTimeout().toNanos();
        return batches.instances((after, limit) -> actual.findUnclaimedOnCellsAssignedByAfter(assignedBy, after, limit),
                instance -> releaseIfTimedOut(instance, now));
    }

    private boolean releaseIfTimedOut(ActualLrpEntity instance, long now) {
        if (!ConvergenceRules.placementTimedOut(instance.status(), now, properties.placementTimeout())) {
            return false;
        }
        store.change(instance, s -> store.lifecycle().cellLost(s, now));
        return true;
    }

}
