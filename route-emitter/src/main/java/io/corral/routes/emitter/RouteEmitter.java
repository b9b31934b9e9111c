package io.corral.routes.emitter;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.client.ReceptorClient;
import io.corral.routes.table.CellPlacement;
import io.corral.routes.table.DesiredRoutes;
import io.corral.routes.table.Endpoint;
import io.corral.routes.table.ReceptorRecords;
import io.corral.routes.table.RoutableInstance;
import io.corral.routes.table.RouteChangeLog;
import io.corral.routes.table.RouteDiff;
import io.corral.routes.table.RouteSources;
import io.corral.routes.table.RouteKey;
import io.corral.routes.table.RouteState;
import io.corral.routes.table.StandbyUnregisters;
import io.corral.routes.table.TcpEndpoint;
import io.corral.routes.table.UnregisterRepeats;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the route table and publishes its changes: events as they come, the difference a
 * full sync finds, every route again when asked. Only the leader publishes; every replica
 * keeps the table, so a standby takes over with it ready and the HTTP table answers on
 * every replica. Changes and their publication happen under one lock, so routers hear
 * them in the order the table took them.
 */
@Component
public class RouteEmitter {

    private static final Logger log = LoggerFactory.getLogger(RouteEmitter.class);

    /**
     * Processes registered again per hold of the lock (some 2,000 routes at 10 instances
     * each), so events wait little behind a re-registration.
     */
    private static final int REGISTER_ALL_SLICE = 200;

    private final ReceptorClient receptor;

    private final RoutePublisher publisher;

    private final RouteMetrics metrics;

    private final RouteChangeLog changes;

    private final UnregisterRepeats repeats;

    private final StandbyUnregisters standby;

    private final ReentrantLock syncLock = new ReentrantLock();

    private final RouteState state = RouteState.empty();

    /** Events that arrived while a sync was reading, to replay on its result. */
    private List<ReceptorEvent> duringSync;

    private volatile BooleanSupplier leader = () -> false;

    private volatile int size;

    /** When this replica last saw another hold the lease; 0: never. */
    private volatile long leaderSeenAt;

    public RouteEmitter(ReceptorClient receptor, RoutePublisher publisher, RoutesProperties properties,
            MeterRegistry meters) {
        this.receptor = receptor;
        this.publisher = publisher;
        this.changes = new RouteChangeLog(properties.eventLogSize());
        this.repeats = new UnregisterRepeats(properties.unregisterRepeats());
        this.standby = new StandbyUnregisters(properties.leaseTtl().multipliedBy(2));
        this.metrics = new RouteMetrics(meters, () -> size);
    }

    /** Applies a receptor event and publishes the routes it changed. */
    public void onEvent(ReceptorEvent event) {
        long received = System.nanoTime();
        Optional<Map<String, CellPlacement>> cells = routableOnUnknownCell(event) ? readCells() : Optional.empty();
        synchronized (this) {
            if (duringSync != null) {
                duringSync.add(event);
            }
            cells.ifPresent(current -> publish(state.updateCells(current)));
            RouteDiff diff = state.apply(event);
            publish(diff);
            if (!diff.isEmpty() && publishing()) {
                metrics.eventPublished(received);
            }
        }
    }

    /**
     * Reads every desired LRP, instance and cell from the receptor and publishes the
     * difference from the table: what events may have missed. One sync at a time.
     */
    public void sync() {
        syncLock.lock();
        try {
            long started = System.nanoTime();
            synchronized (this) {
                duringSync = new ArrayList<>();
            }
            RouteSources sources;
            try {
                sources = readSources();
            }
            catch (RuntimeException e) {
                synchronized (this) {
                    duringSync = null;
                }
                throw e;
            }
            RouteState next = RouteState.of(sources);
            synchronized (this) {
                duringSync.forEach(next::apply);
                duringSync = null;
                RouteDiff diff = state.replaceWith(next);
                publish(diff);
                metrics.synced(Duration.ofNanos(System.nanoTime() - started), diff.size());
                log.debug("synced {} routes with the receptor: {} registered, {} unregistered", state.size(),
                        diff.registers().size(), diff.unregisters().size());
            }
        }
        finally {
            syncLock.unlock();
        }
    }

    /**
     * Registers every route again (routers prune routes not heard from), a slice of
     * processes at a time, each slice as it is at that moment; sends the pending
     * unregister repeats first.
     */
    public void registerAll() {
        if (!publishing()) {
            return;
        }
        List<String> processes;
        synchronized (this) {
            processes = state.processes();
            List<Endpoint> again = repeats.due();
            again.forEach(publisher::unregister);
            metrics.unregistered(again.size());
        }
        for (int from = 0; from < processes.size(); from += REGISTER_ALL_SLICE) {
            registerNow(processes.subList(from, Math.min(processes.size(), from + REGISTER_ALL_SLICE)));
        }
    }

    /**
     * On becoming leader: unregisters the routes this replica dropped from its table
     * while it stood by, since shortly before it last saw another leader (see
     * {@link StandbyUnregisters}); they repeat like any unregister.
     */
    public synchronized void unregisterWhatTheStandbyHeld() {
        if (!publishing()) {
            return;
        }
        Set<RouteKey> routed = state.endpoints().stream().map(Endpoint::key).collect(Collectors.toSet());
        forgetWhatTheLeaderSent();
        List<Endpoint> missed = standby.takeOver(routed);
        if (missed.isEmpty()) {
            return;
        }
        missed.forEach(publisher::unregister);
        repeats.published(new RouteDiff(List.of(), missed));
        metrics.unregistered(missed.size());
        log.info("took over: unregistered {} routes removed while standing by", missed.size());
    }

    /**
     * Another replica holds the lease now, so it published the unregisters heard well
     * before (see {@link StandbyUnregisters}). Called on the lease's heartbeat thread, so
     * it only notes the time: the table's lock, held through a sync, would delay the
     * heartbeat that takes the lease.
     */
    public void leaderSeenElsewhere() {
        leaderSeenAt = System.nanoTime();
    }

    /**
     * Publishes while {@code leader} holds: the leader publishes, a standby keeps the
     * table only.
     */
    public void publishWhile(BooleanSupplier leader) {
        this.leader = leader;
    }

    private boolean publishing() {
        return leader.getAsBoolean();
    }

    /** The table now and its version in the change log. */
    public synchronized TableSnapshot snapshot() {
        return new TableSnapshot(changes.version(), state.endpoints());
    }

    public RouteChangeLog changes() {
        return changes;
    }

    public synchronized List<TcpEndpoint> tcpRoutes() {
        return state.tcpEndpoints();
    }

    public int size() {
        return size;
    }

    private void registerNow(List<String> processes) {
        synchronized (this) {
            if (!publishing()) {
                return;
            }
            Collection<Endpoint> endpoints = state.endpointsOf(processes).values();
            endpoints.forEach(publisher::register);
            metrics.registered(endpoints.size());
        }
    }

    /** Under the lock: records the change and, on the leader, publishes it. */
    private void publish(RouteDiff diff) {
        size = state.size();
        if (diff.isEmpty()) {
            return;
        }
        changes.append(diff);
        if (!publishing()) {
            forgetWhatTheLeaderSent();
            standby.record(diff.unregisters(), System.nanoTime());
            return;
        }
        diff.unregisters().forEach(publisher::unregister);
        diff.registers().forEach(publisher::register);
        repeats.published(diff);
        metrics.unregistered(diff.unregisters().size());
        metrics.registered(diff.registers().size());
    }

    /** Under the lock: drops the held-back unregisters the last leader seen had sent. */
    private void forgetWhatTheLeaderSent() {
        long seen = leaderSeenAt;
        if (seen != 0) {
            standby.leaderSeen(seen);
        }
    }

    /**
     * Whether the event makes an instance routable on a cell the table does not know: its
     * zone and isolating tag are read first (a gone cell an instance leaves needs none).
     */
    private boolean routableOnUnknownCell(ReceptorEvent event) {
        ActualLrp after = event instanceof ReceptorEvent.ActualLrpCreated created ? created.actualLrp()
                : event instanceof ReceptorEvent.ActualLrpChanged changed ? changed.after() : null;
        if (after == null || ReceptorRecords.routable(after).isEmpty()) {
            return false;
        }
        synchronized (this) {
            return !state.knowsCell(after.cellId());
        }
    }

    private Optional<Map<String, CellPlacement>> readCells() {
        try {
            return Optional.of(cellsNow());
        }
        catch (RuntimeException e) {
            log.warn("could not read the cells from the receptor; routes of an unknown cell have no zone or "
                    + "isolating tag until the next sync: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private Map<String, CellPlacement> cellsNow() {
        return receptor.cells()
            .stream()
            .collect(Collectors.toMap(cell -> cell.cellId(), ReceptorRecords::cellPlacement, (a, b) -> b));
    }

    private RouteSources readSources() {
        Map<String, CellPlacement> cells = cellsNow();
        List<DesiredRoutes> desired = receptor.desiredLrps()
            .stream()
            .map(ReceptorRecords::desiredRoutes)
            .filter(routes -> !routes.isEmpty())
            .toList();
        List<RoutableInstance> instances = receptor.actualLrps()
            .stream()
            .map(ReceptorRecords::routable)
            .flatMap(Optional::stream)
            .toList();
        return new RouteSources(desired, instances, cells);
    }

    /** The table at one version of the change log. */
    public record TableSnapshot(long version, Collection<Endpoint> endpoints) {
    }

}
