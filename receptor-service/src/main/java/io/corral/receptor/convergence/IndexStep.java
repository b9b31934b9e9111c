package io.corral.receptor.convergence;

import io.corral.receptor.lrp.DesiredLrpEntity;
import io.corral.receptor.lrp.DesiredLrpRepository;
import io.corral.receptor.lrp.DesiredLrpService;
import io.corral.receptor.lrp.IndexCount;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every desired LRP has indices 0..instances-1 and none above: one query counts the instances of
 * all of them, and only the LRPs that are off target are read and fixed.
 */
@Component
@Order(40)
class IndexStep implements ConvergenceStep {

    private static final int BATCH = 500;

    private final DesiredLrpRepository desired;
    private final DesiredLrpService service;

    IndexStep(DesiredLrpRepository desired, DesiredLrpService service) {
        this.desired = desired;
        this.service = service;
    }

    @Override
    public String name() {
        return "lrp-indices";
    }

    @Override
    public int converge() {
        List<String> offTarget = desired.countIndices().stream()
                .filter(IndexCount::offTarget).map(IndexCount::processGuid).toList();
        int changed = 0;
        for (int from = 0; from < offTarget.size(); from += BATCH) {
            List<String> batch = offTarget.subList(from, Math.min(from + BATCH, offTarget.size()));
            for (DesiredLrpEntity lrp : desired.findAllById(batch)) {
                changed += service.reconcileIndices(lrp);
            }
        }
        return changed;
    }
}
