package io.corral.support.receptor;

import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorEventFollower;
import org.springframework.context.SmartLifecycle;

/**
 * A service's subscription to the receptor's event stream, held while its application
 * runs: the follower connects on start (resyncing and reconnecting with back-off as
 * {@link ReceptorEventFollower} does) and closes on stop. Subclasses say what a resync
 * and an event do.
 */
public abstract class ReceptorEventSubscription implements SmartLifecycle, ReceptorEventFollower.Listener {

    private final ReceptorClient receptor;

    private volatile ReceptorEventFollower follower;

    protected ReceptorEventSubscription(ReceptorClient receptor) {
        this.receptor = receptor;
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

}
