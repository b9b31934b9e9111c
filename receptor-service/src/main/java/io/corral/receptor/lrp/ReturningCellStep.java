package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.cell.HeartbeatStep;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A cell that heartbeats again gets back its suspect instances whose replacement does not
 * run yet: each becomes its index's instance again and the replacement is removed, so a
 * cell it was placed on no longer finds it in its work. Every heartbeat looks (one query
 * on an index of suspects), so a suspect that convergence marked while the heartbeat was
 * committing comes back at the next one.
 */
@Component
class ReturningCellStep implements HeartbeatStep {

    private final ActualLrpRepository actual;

    private final ActualLrpStore store;

    ReturningCellStep(ActualLrpRepository actual, ActualLrpStore store) {
        this.actual = actual;
        this.store = store;
    }

    @Override
    public void cellPresent(String cellId) {
        InstanceLifecycle lifecycle = store.lifecycle();
        for (InstanceIndex index : actual.findSuspectIndices(cellId)) {
            List<ActualLrpEntity> instances = actual.findForUpdateAtIndex(index.processGuid(), index.index());
            Optional<ActualLrpEntity> suspect = instances.stream()
                .filter(instance -> instance.presence() == ActualLrpPresence.SUSPECT
                        && cellId.equals(instance.status().cellId()))
                .findFirst();
            Optional<ActualLrpEntity> current = instances.stream().filter(ActualLrpEntity::ordinary).findFirst();
            if (suspect.isEmpty() || !lifecycle.suspectReturns(current.map(ActualLrpEntity::status).orElse(null))) {
                continue;
            }
            current.ifPresent(replacement -> {
                store.remove(replacement);
                // Hibernate deletes after it updates: the replacement must be gone before
                // the suspect takes its place in the index's unique key.
                actual.flush();
            });
            store.change(suspect.get(), lifecycle::cellReturned);
        }
    }

}
