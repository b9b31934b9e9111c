package io.corral.routes.emitter;

import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorEventFollower;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows the receptor's events into the route table. After every (re)connect and
 * {@code events_lost} it syncs in full before taking more events; a sync that fails
 * (receptor gone) breaks the connection, and the follower tries again with back-off while
 * the table stays as it was.
 */
@Component
public class RouteFollower implements SmartLifecycle, ReceptorEventFollower.Listener {

    private final ReceptorClient receptor;

    private final RouteEmitter emitter;

    private volatile ReceptorEventFollower follower;

    public RouteFollower(ReceptorClient receptor, RouteEmitter emitter) {
        this.receptor = receptor;
        this.emitter = emitter;
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
        emitter.sync();
    }

    @Override
    public void onEvent(ReceptorEvent event) {
        emitter.onEvent(event);
    }

}
