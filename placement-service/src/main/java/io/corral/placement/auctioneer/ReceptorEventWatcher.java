package io.corral.placement.auctioneer;

import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorEventFollower;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows the receptor's events and asks for an auction when work needs a cell, and on
 * every resync (a reconnect, or events the receptor no longer holds), since events may
 * have been missed; the auctioneer's sweep covers the rest.
 */
@Component
public class ReceptorEventWatcher implements SmartLifecycle, ReceptorEventFollower.Listener {

    private final ReceptorClient receptor;

    private final Auctioneer auctioneer;

    private volatile ReceptorEventFollower follower;

    public ReceptorEventWatcher(ReceptorClient receptor, Auctioneer auctioneer) {
        this.receptor = receptor;
        this.auctioneer = auctioneer;
    }

    @Override
    public void start() {
        follower = ReceptorEventFollower.start(receptor, this);
    }

    @Override
    public void stop() {
        ReceptorEventFollower following = follower;
        follower = null;
        if (following != null) {
            following.close();
        }
    }

    @Override
    public boolean isRunning() {
        return follower != null;
    }

    @Override
    public void onResync() {
        auctioneer.workArrived();
    }

    @Override
    public void onEvent(ReceptorEvent event) {
        if (NewWorkEvents.callsForAuction(event)) {
            auctioneer.workArrived();
        }
    }

}
