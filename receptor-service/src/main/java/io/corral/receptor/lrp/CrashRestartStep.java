package io.corral.receptor.lrp;

import io.corral.receptor.common.EpochNanos;
import io.corral.receptor.convergence.ConvergenceStep;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * CRASHED instances whose wait under {@link CrashRestartPolicy} is over become UNCLAIMED
 * again.
 */
@Component
@Order(50)
class CrashRestartStep implements ConvergenceStep {

    private final ActualLrpRepository actual;

    private final ActualLrpStore store;

    private final ConvergenceBatches batches;

    CrashRestartStep(ActualLrpRepository actual, ActualLrpStore store, ConvergenceBatches batches) {
        this.actual = actual;
        this.store = store;
        this.batches = batches;
    }

    @Override
    public String name() {
        return "lrp-crash-restarts";
    }

    @Override
    public int converge() {
        long now = EpochNanos.now();
        return batches.instances(
                (after, limit) -> actual.findCrashedAfter(CrashRestartPolicy.MAX_CRASHES, after, limit), instance -> {
                    if (!ConvergenceRules.restartDue(instance.status(), now)) {
                        return false;
                    }
                    store.change(instance, s -> store.lifecycle().restart(s, now));
                    return true;
                });
    }

}
