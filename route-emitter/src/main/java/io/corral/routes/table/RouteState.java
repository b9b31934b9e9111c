package io.corral.routes.table;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpRemoved;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpRemoved;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The route table and what it is made of: the desired LRPs' routes, the routable
 * instances (by process, then instance guid) and the cells' zones and isolating tags. An
 * event changes the sources and answers the difference it made to the table. The table is
 * not stored but derived from the sources when asked for (all of it, or one process's
 * routes), which keeps 250,000 routes cheap in memory. Not thread-safe: its owner
 * serialises access.
 *
 * <p>
 * A cell that goes (the receptor no longer lists it) keeps its zone and isolating tag
 * here while routable instances still run on it: the receptor keeps a gone cell's running
 * instances routable, as suspects, until their replacements run, and their routes must
 * not move to another router shard meanwhile.
 */
public final class RouteState {

    private final Map<String, DesiredRoutes> desired = new HashMap<>();

    private final Map<String, Map<String, RoutableInstance>> instances = new HashMap<>();

    private final Map<String, CellPlacement> cells = new HashMap<>();

    private int size;

    public static RouteState of(RouteSources sources) {
        RouteState state = new RouteState();
        state.cells.putAll(sources.cells());
        sources.desired().forEach(routes -> state.desired.put(routes.processGuid(), routes));
        sources.instances().forEach(state::putInstance);
        state.size = state.table().size();
        return state;
    }

    public static RouteState empty() {
        return new RouteState();
    }

    /** Applies one receptor event; events that do not touch routes change nothing. */
    public RouteDiff apply(ReceptorEvent event) {
        if (event instanceof DesiredLrpCreated created) {
            return putDesired(ReceptorRecords.desiredRoutes(created.desiredLrp()));
        }
        if (event instanceof DesiredLrpChanged changed) {
            return putDesired(ReceptorRecords.desiredRoutes(changed.after()));
        }
        if (event instanceof DesiredLrpRemoved removed) {
            String processGuid = removed.desiredLrp().processGuid();
            return changeProcess(processGuid, () -> desired.remove(processGuid));
        }
        if (event instanceof ActualLrpCreated created) {
            return putActual(created.actualLrp());
        }
        if (event instanceof ActualLrpChanged changed) {
            return changeActual(changed.before(), changed.after());
        }
        if (event instanceof ActualLrpRemoved removed) {
            ActualLrp lrp = removed.actualLrp();
            return changeProcess(lrp.processGuid(), () -> removeInstance(lrp.processGuid(), lrp.instanceGuid()));
        }
        return RouteDiff.EMPTY;
    }

    /**
     * Takes the cells as they are now; endpoints on cells whose zone or isolating tag
     * changed change with them.
     */
    public RouteDiff updateCells(Map<String, CellPlacement> current) {
        Map<String, CellPlacement> next = withGoneCellsInUse(current, instances);
        Set<String> changedCells = new HashSet<>(cells.keySet());
        changedCells.addAll(next.keySet());
        changedCells.removeIf(cellId -> Objects.equals(cells.get(cellId), next.get(cellId)));
        if (changedCells.isEmpty()) {
            return RouteDiff.EMPTY;
        }
        Set<String> processes = new HashSet<>();
        instances.forEach((processGuid, byGuid) -> {
            if (byGuid.values().stream().anyMatch(instance -> changedCells.contains(instance.cellId()))) {
                processes.add(processGuid);
            }
        });
        return changeProcesses(processes, () -> {
            cells.clear();
            cells.putAll(next);
        });
    }

    /**
     * Becomes {@code next} (a fresh read, with the events since replayed on it) and
     * answers the difference from the table as it was. Gone cells that {@code next}'s
     * instances still run on keep what this table knew of them.
     */
    public RouteDiff replaceWith(RouteState next) {
        next.cells.putAll(withGoneCellsInUse(next.cells, next.instances));
        RouteDiff diff = RouteDiff.between(table(), next.table());
        desired.clear();
        desired.putAll(next.desired);
        instances.clear();
        instances.putAll(next.instances);
        cells.clear();
        cells.putAll(next.cells);
        size = next.size;
        return diff;
    }

    public boolean knowsCell(String cellId) {
        return cellId == null || cells.containsKey(cellId);
    }

    /** The number of routes in the table. */
    public int size() {
        return size;
    }

    /** The table as it is now. */
    public Map<RouteKey, Endpoint> table() {
        return endpointsOf(desired.keySet());
    }

    public Collection<Endpoint> endpoints() {
        return table().values();
    }

    /** The processes with routes: a re-registration walks them a slice at a time. */
    public List<String> processes() {
        return new ArrayList<>(desired.keySet());
    }

    /** The routes of {@code processes} as they are now. */
    public Map<RouteKey, Endpoint> endpointsOf(Collection<String> processes) {
        Map<RouteKey, Endpoint> endpoints = new HashMap<>();
        processes.forEach(processGuid -> forEachEndpoint(processGuid, e -> endpoints.put(e.key(), e)));
        return endpoints;
    }

    /** The TCP routes of every routable instance. */
    public List<TcpEndpoint> tcpEndpoints() {
        List<TcpEndpoint> endpoints = new ArrayList<>();
        desired.values()
            .forEach(routes -> routes.tcp().forEach(route -> instancesOf(routes.processGuid()).forEach(instance -> {
                Integer hostPort = instance.hostPorts().get(route.containerPort());
                if (hostPort != null) {
                    endpoints.add(new TcpEndpoint(route.routerGroupGuid(), route.externalPort(), instance.address(),
                            hostPort, instance.processGuid(), instance.instanceGuid(), instance.index()));
                }
            })));
        return endpoints;
    }

    /**
     * {@code current}, the cells the receptor lists, and the cells this table knows that
     * it does not list but that routable instances of {@code routed} still run on.
     */
    private Map<String, CellPlacement> withGoneCellsInUse(Map<String, CellPlacement> current,
            Map<String, Map<String, RoutableInstance>> routed) {
        Map<String, CellPlacement> withGone = new HashMap<>(current);
        routed.values().forEach(byGuid -> byGuid.values().forEach(instance -> {
            String cellId = instance.cellId();
            if (cellId != null && !withGone.containsKey(cellId) && cells.containsKey(cellId)) {
                withGone.put(cellId, cells.get(cellId));
            }
        }));
        return withGone;
    }

    private RouteDiff putDesired(DesiredRoutes routes) {
        return changeProcess(routes.processGuid(), () -> desired.put(routes.processGuid(), routes));
    }

    /**
     * A change may give the index a new incarnation (a crash restarted at once, a lost
     * cell): the instance it was is gone.
     */
    private RouteDiff changeActual(ActualLrp before, ActualLrp after) {
        return changeProcess(after.processGuid(), () -> {
            if (!before.instanceGuid().equals(after.instanceGuid())) {
                removeInstance(before.processGuid(), before.instanceGuid());
            }
            ReceptorRecords.routable(after)
                .ifPresentOrElse(this::putInstance, () -> removeInstance(after.processGuid(), after.instanceGuid()));
        });
    }

    private RouteDiff putActual(ActualLrp lrp) {
        return changeProcess(lrp.processGuid(), () -> ReceptorRecords.routable(lrp)
            .ifPresentOrElse(this::putInstance, () -> removeInstance(lrp.processGuid(), lrp.instanceGuid())));
    }

    private void putInstance(RoutableInstance instance) {
        instances.computeIfAbsent(instance.processGuid(), processGuid -> new LinkedHashMap<>())
            .put(instance.instanceGuid(), instance);
    }

    private void removeInstance(String processGuid, String instanceGuid) {
        Map<String, RoutableInstance> byGuid = instances.get(processGuid);
        if (byGuid != null && byGuid.remove(instanceGuid) != null && byGuid.isEmpty()) {
            instances.remove(processGuid);
        }
    }

    private RouteDiff changeProcess(String processGuid, Runnable change) {
        return changeProcesses(Set.of(processGuid), change);
    }

    /**
     * Runs {@code change} and brings the table's endpoints of {@code processes} up to
     * date with it.
     */
    private RouteDiff changeProcesses(Set<String> processes, Runnable change) {
        Map<RouteKey, Endpoint> before = endpointsOf(processes);
        change.run();
        Map<RouteKey, Endpoint> after = endpointsOf(processes);
        size += after.size() - before.size();
        return RouteDiff.between(before, after);
    }

    private Collection<RoutableInstance> instancesOf(String processGuid) {
        return instances.getOrDefault(processGuid, Map.of()).values();
    }

    private void forEachEndpoint(String processGuid, Consumer<Endpoint> sink) {
        DesiredRoutes routes = desired.get(processGuid);
        if (routes == null) {
            return;
        }
        for (RoutableInstance instance : instancesOf(processGuid)) {
            CellPlacement cell = cells.getOrDefault(instance.cellId(), CellPlacement.UNKNOWN);
            for (HttpRoute route : routes.http()) {
                Integer hostPort = instance.hostPorts().get(route.port());
                if (hostPort == null) {
                    continue;
                }
                String segment = route.isolationSegment() != null ? route.isolationSegment() : cell.isolationSegment();
                for (String hostname : route.hostnames()) {
                    sink.accept(new Endpoint(hostname, instance.address(), hostPort, routes.processGuid(),
                            routes.appGuid(), routes.app(), instance.instanceGuid(), instance.index(), cell.zone(),
                            segment, route.routeServiceUrl(), route.protocol(), instance.since()));
                }
            }
        }
    }

}
