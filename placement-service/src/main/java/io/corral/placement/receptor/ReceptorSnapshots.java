package io.corral.placement.receptor;

import io.corral.placement.model.ModelSnapshot;
import io.corral.placement.model.ModelState;
import io.corral.placement.model.PlacementModel;
import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.client.ReceptorClient;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * What placement knows of the receptor: desired LRPs, actual LRPs and tasks from the
 * {@link PlacementModel} that the receptor's events keep current, and the cells, read
 * from the receptor each time (the event stream does not carry cell heartbeats).
 */
@Component
public class ReceptorSnapshots {

    private final ReceptorClient receptor;

    private final PlacementModel model;

    private final Counter fullReads;

    private final ReentrantLock reading = new ReentrantLock();

    private final Duration syncWait;

    public ReceptorSnapshots(ReceptorClient receptor, ModelProperties properties, MeterRegistry meters) {
        this.receptor = receptor;
        this.model = new PlacementModel(properties.pendingTtl(), System::nanoTime);
        this.syncWait = properties.syncWait();
        this.fullReads = Counter.builder("corral.placement.model.full.reads")
            .description("Reads of every desired LRP, actual LRP and task from the receptor into the placement model")
            .register(meters);
    }

    /**
     * The receptor's state as far as the model knows it. Until the model's first full
     * read has completed this waits for it, up to {@link ModelProperties#syncWait()},
     * then answers {@code 503 ReceptorUnavailable}.
     */
    public ReceptorSnapshot load() {
        if (!awaitSynced()) {
            throw new ApiException(ErrorCode.RECEPTOR_UNAVAILABLE,
                    "placement has not yet read the receptor's state; try again in a few seconds");
        }
        ModelSnapshot snapshot = model.snapshot();
        return new ReceptorSnapshot(receptor.cells(), snapshot.desiredLrps(), snapshot.actualLrps(), snapshot.tasks());
    }

    private boolean awaitSynced() {
        try {
            return model.awaitSynced(syncWait);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean synced() {
        return model.synced();
    }

    /** Reads the receptor whole into the model; one read at a time. */
    public void fullRead() {
        reading.lock();
        try {
            PlacementModel.Read read = model.beginRead();
            try {
                model.completeRead(read,
                        ModelState.of(receptor.desiredLrps(), receptor.actualLrps(), receptor.tasks()));
                fullReads.increment();
            }
            catch (RuntimeException e) {
                model.abandonRead(read);
                throw e;
            }
        }
        finally {
            reading.unlock();
        }
    }

    public void apply(ReceptorEvent event) {
        model.apply(event);
    }

    /** See {@link PlacementModel#placed}. */
    public void placed(Map<String, String> instanceCells, Map<String, String> taskCells) {
        model.placed(instanceCells, taskCells);
    }

}
