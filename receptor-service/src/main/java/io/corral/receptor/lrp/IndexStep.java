package io.corral.receptor.lrp;

import io.corral.receptor.convergence.ConvergenceStep;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every desired LRP has indices 0..instances-1 and none above: one query counts the
 * instances of all of them, and only the LRPs that are off target are read and fixed.
 */
@Component
@Order(40)
class IndexStep implements ConvergenceStep {

    private final DesiredLrpRepository desired;

    private final DesiredLrpService service;

    private final ConvergenceBatches batches;

    IndexStep(DesiredLrpRepository desired, DesiredLrpService service, ConvergenceBatches batches) {
        this.desired = desired;
        this.service = service;
        this.batches = batches;
    }

    @Override
    public String name() {
        return "lrp-indices";
    }

    @Override
    public int converge() {
        List<String> offTarget = desired.countIndices()
            .stream()
            .filter(IndexCount::offTarget)
            .map(IndexCount::processGuid)
            .toList();
        return batches.each(offTarget, batch -> {
            int changed = 0;
            for (DesiredLrpEntity lrp : desired.findAllById(batch)) {
                changed += service.reconcileIndices(lrp);
            }
            return changed;
        });
    }

}
