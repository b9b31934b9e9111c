package io.corral.routes.emitter;

import io.corral.support.lease.LeaderLoop;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The leader's side of routes, on the {@code route-emitter} lease: on becoming leader the
 * unregisters it held back as a standby (a killed leader never sent them), a full sync
 * and every route registered; then every route again at the routers' interval (soon after
 * a router starts, with jitter) and a full sync every
 * {@code corral.routes.sync-interval}. A replica publishes only while it holds the lease.
 */
@Component
public class RouteLeader extends LeaderLoop {

    private static final Logger log = LoggerFactory.getLogger(RouteLeader.class);

    /** How often the leader looks whether something is due. */
    private static final Duration TICK = Duration.ofSeconds(1);

    private final RouteEmitter emitter;

    private final RoutePublisher publisher;

    private final RoutesProperties properties;

    private volatile long nextRegisterAll;

    private long nextSync;

    /** The {@link #acquisitions()} of the last pass. */
    private long term;

    public RouteLeader(JdbcTemplate jdbc, RouteEmitter emitter, RoutePublisher publisher, RoutesProperties properties) {
        super(jdbc, "route-emitter", properties.leaseTtl(), TICK);
        this.emitter = emitter;
        this.publisher = publisher;
        this.properties = properties;
        publisher.onRoutersNeedEverything(this::registerAllWithin);
        emitter.publishWhile(this::isLeader);
    }

    @Override
    protected void pass() {
        long now = System.nanoTime();
        // Newly leader, however briefly it was not (a database outage shorter than the
        // lease
        // TTL too): it published nothing meanwhile.
        long current = acquisitions();
        boolean newLeader = current != term;
        term = current;
        if (newLeader) {
            emitter.unregisterWhatTheStandbyHeld();
        }
        if (newLeader || now - nextSync >= 0) {
            sync(now);
        }
        if (newLeader || now - nextRegisterAll >= 0) {
            registerAll(now);
        }
    }

    @Override
    protected void heldElsewhere() {
        emitter.leaderSeenElsewhere();
    }

    private void sync(long now) {
        nextSync = now + properties.syncInterval().toNanos();
        try {
            emitter.sync();
        }
        catch (RuntimeException e) {
            log.warn("full sync failed, the table stays as it is until the next one: {}", e.getMessage());
        }
    }

    private void registerAll(long now) {
        nextRegisterAll = now + publisher.registerInterval(properties.registerInterval()).toNanos();
        emitter.registerAll();
    }

    /** Every route again after a random delay up to {@code bound}. */
    private void registerAllWithin(Duration bound) {
        long jitter = bound.isZero() ? 0 : ThreadLocalRandom.current().nextLong(bound.toMillis() + 1);
        nextRegisterAll = System.nanoTime() + Duration.ofMillis(jitter).toNanos();
        trigger(Duration.ofMillis(jitter));
    }

}
