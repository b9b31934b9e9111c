package io.corral.routes.emitter;

import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.client.ReceptorClient;
import io.corral.support.receptor.ReceptorEventSubscription;
import org.springframework.stereotype.Component;

/**
 * Follows the receptor's events into the route table. After the first connect and on
 * {@code events_lost} it syncs in full before taking more events (a reconnect resumes
 * after the last event handled); a sync that fails (receptor gone) breaks the connection,
 * and the follower tries again with back-off while the table stays as it was.
 */
@Component
public class RouteFollower extends ReceptorEventSubscription {

    private final RouteEmitter emitter;

    public RouteFollower(ReceptorClient receptor, RouteEmitter emitter) {
        super(receptor);
        this.emitter = emitter;
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
