package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.common.EpochNanos;
import io.corral.receptor.convergence.ConvergenceStep;
import java.time.Instant;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Instances on a cell that is gone (no row, or its heartbeat expired): a RUNNING one
 * becomes suspect and runs on, routable, beside a new UNCLAIMED instance of its index;
 * the others become UNCLAIMED to be placed again, and an evacuating one is removed. The
 * suspect and its replacement are written in one transaction.
 */
@Component
@Order(10)
class LostCellStep implements ConvergenceStep {

    private final ActualLrpRepository actual;

    private final ActualLrpStore store;

    private final ConvergenceBatches batches;

    LostCellStep(ActualLrpRepository actual, ActualLrpStore store, ConvergenceBatches batches) {
        this.actual = actual;
        this.store = store;
        this.batches = batches;
    }

    @Override
    public String name() {
        return "lrp-lost-cells";
    }

    @Override
    public int converge() {
        long now = EpochNanos.now();
        Instant present = Instant.now();
        return batches.instances((after, limit) -> actual.findOnGoneCellsAfter(present, after, limit), instance -> {
            ActualLrp after = store.change(instance, s -> store.lifecycle().cellLost(s, now));
            if (after.presence() == ActualLrpPresence.SUSPECT) {
                store.create(instance.processGuid(), instance.index(), instance.domain(), now);
            }
            return true;
        });
    }

}
