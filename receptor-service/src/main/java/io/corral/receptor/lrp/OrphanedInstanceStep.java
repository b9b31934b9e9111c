package io.corral.receptor.lrp;

import io.corral.receptor.convergence.ConvergenceStep;
import io.corral.receptor.domain.DomainService;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Instances of a process that is no longer desired are removed, but only in a fresh
 * domain: until the Cloud Controller has marked a domain fresh, its desired LRPs may just
 * not have arrived yet.
 */
@Component
@Order(30)
class OrphanedInstanceStep implements ConvergenceStep {

    private final ActualLrpRepository actual;

    private final ActualLrpStore store;

    private final ConvergenceBatches batches;

    private final DomainService domains;

    OrphanedInstanceStep(ActualLrpRepository actual, ActualLrpStore store, ConvergenceBatches batches,
            DomainService domains) {
        this.actual = actual;
        this.store = store;
        this.batches = batches;
        this.domains = domains;
    }

    @Override
    public String name() {
        return "lrp-orphans";
    }

    @Override
    public int converge() {
        Set<String> fresh = Set.copyOf(domains.fresh());
        int removed = 0;
        // Orphans of a domain that is not fresh stay, pass after pass: they are not read.
        for (OrphanedProcess orphan : actual.findOrphanedProcesses()) {
            if (ConvergenceRules.removeOrphan(orphan.domain(), fresh)) {
                removed += batches.instances(
                        (after, limit) -> actual.findOrphansOfProcessAfter(orphan.processGuid(), after, limit),
                        instance -> removeInFreshDomain(instance, fresh));
            }
        }
        return removed;
    }

    private boolean removeInFreshDomain(ActualLrpEntity instance, Set<String> fresh) {
        if (!ConvergenceRules.removeOrphan(instance.domain(), fresh)) {
            return false;
        }
        store.remove(instance);
        return true;
    }

}
