package io.corral.receptor.convergence;

import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.common.EpochNanos;
import io.corral.receptor.lrp.ActualLrpEntity;
import io.corral.receptor.lrp.ActualLrpRepository;
import io.corral.receptor.lrp.ActualLrpStore;
import io.corral.receptor.lrp.CrashRestartPolicy;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** CRASHED instances whose wait under {@link CrashRestartPolicy} is over become UNCLAIMED again. */
@Component
@Order(50)
class CrashRestartStep implements ConvergenceStep {

    private final ActualLrpRepository actual;
    private final ActualLrpStore store;

    CrashRestartStep(ActualLrpRepository actual, ActualLrpStore store) {
        this.actual = actual;
        this.store = store;
    }

    @Override
    public String name() {
        return "lrp-crash-restarts";
    }

    @Override
    public int converge() {
        long now = EpochNanos.now();
        List<ActualLrpEntity> due = actual
                .findByStateAndCrashCountLessThan(ActualLrpState.CRASHED, CrashRestartPolicy.MAX_CRASHES).stream()
                .filter(instance -> ConvergenceRules.restartDue(instance.status(), now))
                .toList();
        due.forEach(instance -> store.change(instance, s -> store.lifecycle().restart(s, now)));
        return due.size();
    }
}
