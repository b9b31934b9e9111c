package io.corral.routes;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.ApiFixtures;
import java.util.List;

/** What a cell does with an instance, at an address and host port the test chooses. */
final class Instances {

    private Instances() {
    }

    /**
     * Assigns, claims and starts the index's current (UNCLAIMED) instance; 8080 maps to
     * {@code hostPort}.
     */
    static ActualLrp run(ReceptorClient receptor, String cellId, String processGuid, int index, String address,
            int hostPort) {
        ActualLrp unclaimed = receptor.actualLrps(processGuid)
            .stream()
            .filter(lrp -> lrp.index() == index && lrp.presence() == ActualLrpPresence.ORDINARY)
            .findFirst()
            .orElseThrow();
        ActualLrp assigned = receptor.assign(processGuid, index,
                new Assignment(unclaimed.instanceGuid(), cellId, null));
        ActualLrp claimed = receptor.transition(cellId, processGuid, index, "claim", ApiFixtures.transition(assigned));
        return receptor.transition(cellId, processGuid, index, "start",
                new InstanceTransition(claimed.instanceGuid(), claimed.modificationTag(), address,
                        List.of(new PortMapping(8080, hostPort), new PortMapping(2222, hostPort + 1)), null, null));
    }

    static ActualLrp crash(ReceptorClient receptor, ActualLrp running) {
        return receptor.transition(running.cellId(), running.processGuid(), running.index(), "crash",
                new InstanceTransition(running.instanceGuid(), running.modificationTag(), null, null, "boom", null));
    }

}
