package io.corral.placement.receptor;

import io.corral.placement.auction.CellSpec;
import io.corral.placement.auction.Occupancy;
import io.corral.placement.model.Backlog;
import io.corral.placement.model.ModelSnapshot;
import io.corral.placement.model.ModelState;
import io.corral.placement.model.PlacementContext;
import io.corral.placement.model.PlacementModel;
import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.client.CellList;
import io.corral.receptor.client.ReceptorClient;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * What placement knows of the receptor: desired LRPs, actual LRPs and tasks from the
 * {@link PlacementModel} that the receptor's events keep current, and the cells, asked of
 * the receptor each time (the event stream does not carry cell heartbeats) but read again
 * only once they have changed.
 */
@Component
public class ReceptorSnapshots {

    private final ReceptorClient receptor;

    private final PlacementModel model;

    private final Counter fullReads;

    private final ReentrantLock reading = new ReentrantLock();

    private final Duration syncWait;

    private volatile KnownCells knownCells;

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
     * then answers {@code 503 ReceptorUnavailable}; so do the other reads of the model.
     */
    public ReceptorSnapshot load() {
        ModelSnapshot records = syncedModel().records();
        return new ReceptorSnapshot(currentCells().list().cells(), records.desiredLrps(), records.actualLrps(),
                records.tasks());
    }

    /** The cells present now. */
    public List<CellSpec> cells() {
        return currentCells().specs();
    }

    private KnownCells currentCells() {
        KnownCells known = knownCells;
        CellList current = receptor.cells(known == null ? null : known.list());
        if (known != null && current == known.list()) {
            return known;
        }
        KnownCells read = new KnownCells(current, CellSpecs.of(current.cells()));
        knownCells = read;
        return read;
    }

    /** See {@link PlacementModel#backlog()}. */
    public Backlog backlog() {
        return syncedModel().backlog();
    }

    /** See {@link PlacementModel#occupancy()}. */
    public Occupancy occupancy() {
        return syncedModel().occupancy();
    }

    /** See {@link PlacementModel#placementContext}. */
    public Optional<PlacementContext> placementContext(String processGuid, int index) {
        return syncedModel().placementContext(processGuid, index);
    }

    private PlacementModel syncedModel() {
        if (!awaitSynced()) {
            throw new ApiException(ErrorCode.RECEPTOR_UNAVAILABLE,
                    "placement has not yet read the receptor's state; try again in a few seconds");
        }
        return model;
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

    private record KnownCells(CellList list, List<CellSpec> specs) {
    }

}
