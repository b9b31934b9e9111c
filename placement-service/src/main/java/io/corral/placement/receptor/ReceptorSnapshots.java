package io.corral.placement.receptor;

import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.client.ReceptorClient;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads what placement needs from the receptor: cells, desired LRPs, actual LRPs and
 * tasks.
 */
@Component
public class ReceptorSnapshots {

    private final ReceptorClient receptor;

    public ReceptorSnapshots(ReceptorClient receptor) {
        this.receptor = receptor;
    }

    /**
     * Desired LRPs are read after the actual ones, so every instance read has its desired
     * LRP unless that was removed meanwhile (then the instance is on its way out too).
     */
    public ReceptorSnapshot load() {
        var cells = receptor.cells();
        var actual = receptor.actualLrps();
        Map<String, DesiredLrp> desired = new HashMap<>();
        receptor.desiredLrps().forEach(lrp -> desired.put(lrp.processGuid(), lrp));
        return new ReceptorSnapshot(cells, desired, actual, receptor.tasks());
    }

}
