package io.corral.placement;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorException;
import io.corral.testsupport.ApiFixtures;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the cells' agents: claims and starts every instance placed on a cell, as
 * a rep would after taking it from its work. Heartbeats are the test's business.
 */
public final class CellAgents implements AutoCloseable {

    private final ReceptorClient receptor;

    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

    private CellAgents(ReceptorClient receptor) {
        this.receptor = receptor;
    }

    public static CellAgents start(ReceptorClient receptor) {
        CellAgents agents = new CellAgents(receptor);
        agents.loop.scheduleWithFixedDelay(agents::runPlacedInstances, 0, 100, TimeUnit.MILLISECONDS);
        return agents;
    }

    private void runPlacedInstances() {
        try {
            for (ActualLrp instance : receptor.actualLrps()) {
                if (instance.state() == ActualLrpState.UNCLAIMED && instance.cellId() != null) {
                    run(instance);
                }
            }
        }
        catch (RuntimeException receptorGone) {
            // A scheduled task that throws is never run again; the next round tries anew.
        }
    }

    private void run(ActualLrp assigned) {
        try {
            ApiFixtures.claimAndStart(receptor, assigned);
        }
        catch (ReceptorException raced) {
            // The instance changed meanwhile; the next round sees it as it is now.
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }

}
