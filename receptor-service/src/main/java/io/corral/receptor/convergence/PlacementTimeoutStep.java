package io.corral.receptor.convergence;

import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.common.EpochNanos;
import io.corral.receptor.lrp.ActualLrpEntity;
import io.corral.receptor.lrp.ActualLrpRepository;
import io.corral.receptor.lrp.ActualLrpStore;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * An instance assigned to a cell that did not claim it within the placement timeout is released
 * from that cell (with a new instance guid, so a late claim is refused) and placed again.
 */
@Component
@Order(20)
class PlacementTimeoutStep implements ConvergenceStep {

    private final ActualLrpRepository actual;
    private final ActualLrpStore store;
    private final ConvergenceProperties properties;

    PlacementTimeoutStep(ActualLrpRepository actual, ActualLrpStore store, ConvergenceProperties properties) {
        this.actual = actual;
        this.store = store;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "lrp-placement-timeout";
    }

    @Override
    public int converge() {
        long now = EpochNanos.now();
        List<ActualLrpEntity> stuck = actual.findByStateAndCellIdIsNotNull(ActualLrpState.UNCLAIMED).stream()
                .filter(i -> ConvergenceRules.placementTimedOut(i.status(), now, properties.placementTimeout()))
                .toList();
        stuck.forEach(instance -> store.change(instance, s -> store.lifecycle().cellLost(s, now)));
        return stuck.size();
    }
}
