package io.corral.placement.auctioneer;

import io.corral.placement.receptor.ModelProperties;
import io.corral.placement.receptor.ReceptorSnapshots;
import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.client.ReceptorClient;
import io.corral.support.receptor.ReceptorEventSubscription;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Follows the receptor's events into the placement model, as the route emitter follows
 * them into its route table: after the first connect and on {@code events_lost} it reads
 * the receptor in full before taking more events (a read that fails breaks the
 * connection, and the follower tries again with back-off; a reconnect otherwise resumes
 * after the last event handled), then applies each event. It asks for an auction when an
 * event brings work that needs a cell, and after every full read. Every
 * {@link ModelProperties#fullReadInterval()} the model is read in full again, in case it
 * drifted.
 */
@Component
public class ReceptorEventWatcher extends ReceptorEventSubscription {

    private static final Logger log = LoggerFactory.getLogger(ReceptorEventWatcher.class);

    private final ReceptorSnapshots snapshots;

    private final Auctioneer auctioneer;

    private final ModelProperties properties;

    private volatile ScheduledExecutorService fullReads;

    public ReceptorEventWatcher(ReceptorClient receptor, ReceptorSnapshots snapshots, Auctioneer auctioneer,
            ModelProperties properties) {
        super(receptor);
        this.snapshots = snapshots;
        this.auctioneer = auctioneer;
        this.properties = properties;
    }

    @Override
    public void start() {
        super.start();
        fullReads = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "placement-model-full-read");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.fullReadInterval().toMillis();
        fullReads.scheduleWithFixedDelay(this::periodicFullRead, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        super.stop();
        ScheduledExecutorService reads = fullReads;
        fullReads = null;
        if (reads != null) {
            reads.shutdownNow();
        }
    }

    @Override
    public void onResync() {
        snapshots.fullRead();
        auctioneer.workArrived();
    }

    @Override
    public void onEvent(ReceptorEvent event) {
        snapshots.apply(event);
        if (NewWorkEvents.callsForAuction(event)) {
            auctioneer.workArrived();
        }
    }

    private void periodicFullRead() {
        if (!snapshots.synced()) {
            return;
        }
        try {
            snapshots.fullRead();
        }
        catch (RuntimeException e) {
            log.warn("reading the receptor in full into the placement model failed; the events keep it current: {}",
                    e.toString());
        }
    }

}
