package io.corral.support.receptor;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code receptor} health check of a service following the receptor's events, part of
 * its readiness: OUT_OF_SERVICE until it has read the receptor in full once, UP from then
 * on. A replica that never read the receptor holds nothing of it: a route emitter's table
 * is empty, so it would serve no routes and, taking over from a leader that dies, could
 * not unregister the routes that leader had sent. Once read, what it holds stays usable
 * while the receptor is away (and is brought up to date when it is back), so a later
 * outage leaves it UP.
 */
public class ReceptorHealthIndicator implements HealthIndicator {

    private final ReceptorEventSubscription subscription;

    public ReceptorHealthIndicator(ReceptorEventSubscription subscription) {
        this.subscription = subscription;
    }

    @Override
    public Health health() {
        return subscription.lastResync()
            .map(read -> Health.up().withDetail("last_full_read", read.toString()))
            .orElseGet(() -> Health.status(Status.OUT_OF_SERVICE).withDetail("last_full_read", "none yet"))
            .build();
    }

}
