package io.corral.receptor.events;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Deletes events older than the retention. Every replica sweeps; the delete is
 * idempotent, so sweeps that overlap only repeat each other.
 */
@Component
public class EventRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventRetention.class);

    private final EventStore store;

    private final EventProperties properties;

    private final TaskScheduler scheduler;

    private ScheduledFuture<?> sweeps;

    private volatile boolean running;

    public EventRetention(EventStore store, EventProperties properties, TaskScheduler scheduler) {
        this.store = store;
        this.properties = properties;
        this.scheduler = scheduler;
    }

    /** Deletes the events written longer than the retention ago; returns how many. */
    public int sweep() {
        int deleted = store.deleteWrittenBefore(Instant.now().minus(properties.retention()));
        if (deleted > 0) {
            log.debug("deleted {} events older than {}", deleted, properties.retention());
        }
        return deleted;
    }

    @Override
    public void start() {
        running = true;
        sweeps = scheduler.scheduleWithFixedDelay(this::sweepQuietly, properties.retentionSweepInterval());
    }

    @Override
    public void stop() {
        running = false;
        sweeps.cancel(false);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void sweepQuietly() {
        try {
            sweep();
        }
        catch (DataAccessException e) {
            log.warn("could not delete expired events; trying again in {}", properties.retentionSweepInterval(), e);
        }
    }

}
