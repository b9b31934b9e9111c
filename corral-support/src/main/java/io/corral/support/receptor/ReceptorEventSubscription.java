package io.corral.support.receptor;

import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorEventFollower;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.SmartLifecycle;

/**
 * A service's subscription to the receptor's event stream, held while its application
 * runs: the follower connects on start (resyncing and reconnecting with back-off as
 * {@link ReceptorEventFollower} does) and closes on stop. Subclasses say what a resync
 * and an event do. Until its first resync has read the receptor, what the service keeps
 * of it is empty, not current: its {@code receptor} health check says so
 * ({@link ReceptorHealthIndicator}).
 */
public abstract class ReceptorEventSubscription implements SmartLifecycle, ReceptorEventFollower.Listener {

    private final ReceptorClient receptor;

    private volatile ReceptorEventFollower follower;

    private volatile Instant lastResync;

    protected ReceptorEventSubscription(ReceptorClient receptor) {
        this.receptor = receptor;
    }

    @Override
    public void start() {
        follower = ReceptorEventFollower.start(receptor, new ReceptorEventFollower.Listener() {

            @Override
            public void onResync() {
                ReceptorEventSubscription.this.onResync();
                lastResync = Instant.now();
            }

            @Override
            public void onEvent(ReceptorEvent event) {
                ReceptorEventSubscription.this.onEvent(event);
            }

        });
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

    /** When a resync last read the receptor in full; empty before the first. */
    public Optional<Instant> lastResync() {
        return Optional.ofNullable(lastResync);
    }

}
