package io.corral.routes.table;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.ModificationTag;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A receptor in miniature for property tests: operations change its desired LRPs,
 * instances and cells and answer the events the real one would send.
 */
final class ReceptorModel {

    static final String[] PROCESSES = { "web", "api", "dmz-app" };

    static final String[] CELLS = { "cell-a", "cell-b", "cell-dmz" };

    final Map<String, DesiredLrp> desired = new LinkedHashMap<>();

    final Map<String, ActualLrp> actual = new LinkedHashMap<>();

    final Map<String, CellPlacement> cells = new HashMap<>(Map.of("cell-a", new CellPlacement("z1", null), "cell-b",
            new CellPlacement("z2", null), "cell-dmz", new CellPlacement("z1", "dmz")));

    private long eventId;

    private int nextPort = 61000;

    private int nextGuid;

    /** One operation, decoded from a number so jqwik can shrink sequences of them. */
    List<ReceptorEvent> apply(int op) {
        String process = PROCESSES[(op / 8) % PROCESSES.length];
        int index = (op / 24) % 3;
        String cell = CELLS[(op / 72) % CELLS.length];
        int variant = (op / 216) % 5;
        return switch (op % 8) {
            case 0, 1 -> desire(process, variant);
            case 2 -> removeDesired(process);
            case 3, 4 -> run(process, index, cell, variant);
            case 5 -> crash(process, index);
            case 6 -> evacuate(process, index);
            default -> remove(process, index);
        };
    }

    /** A cell change; the events carry none, the emitter reads cells itself. */
    void retagCell(int op) {
        String cell = CELLS[op % CELLS.length];
        cells.put(cell, new CellPlacement("z" + (op % 3), op % 2 == 0 ? null : "seg" + (op % 5)));
    }

    RouteSources fullRead() {
        List<DesiredRoutes> routes = desired.values().stream().map(ReceptorRecords::desiredRoutes).toList();
        List<RoutableInstance> instances = actual.values()
            .stream()
            .map(ReceptorRecords::routable)
            .flatMap(Optional::stream)
            .toList();
        return new RouteSources(routes, instances, Map.copyOf(cells));
    }

    private List<ReceptorEvent> desire(String process, int variant) {
        DesiredLrp before = desired.get(process);
        DesiredLrp after = ApiFixtures.desiredLrpBuilder(process).routes(routes(process, variant)).build();
        desired.put(process, after);
        return List.of(before == null ? new ReceptorEvent.DesiredLrpCreated(++eventId, after)
                : new ReceptorEvent.DesiredLrpChanged(++eventId, before, after));
    }

    private List<ReceptorEvent> removeDesired(String process) {
        DesiredLrp removed = desired.remove(process);
        return removed == null ? List.of() : List.of(new ReceptorEvent.DesiredLrpRemoved(++eventId, removed));
    }

    private List<ReceptorEvent> run(String process, int index, String cell, int variant) {
        Optional<ActualLrp> current = current(process, index);
        ActualLrp running = lrp(process, index, current.map(ActualLrp::instanceGuid).orElse("i-" + nextGuid++), cell,
                ActualLrpState.RUNNING, variant == 4 ? List.of()
                        : List.of(new PortMapping(8080, nextPort++), new PortMapping(9090, nextPort++)),
                false);
        actual.put(running.instanceGuid(), running);
        return List.of(current.isPresent() ? new ReceptorEvent.ActualLrpChanged(++eventId, current.get(), running)
                : new ReceptorEvent.ActualLrpCreated(++eventId, running));
    }

    private List<ReceptorEvent> crash(String process, int index) {
        return current(process, index).map(before -> {
            boolean restarted = (before.since() / 1000) % 2 == 0;
            ActualLrp crashed = lrp(process, index, restarted ? "i-" + nextGuid++ : before.instanceGuid(), null,
                    restarted ? ActualLrpState.UNCLAIMED : ActualLrpState.CRASHED, List.of(), false);
            actual.remove(before.instanceGuid());
            actual.put(crashed.instanceGuid(), crashed);
            return List.<ReceptorEvent>of(new ReceptorEvent.ActualLrpChanged(++eventId, before, crashed));
        }).orElse(List.of());
    }

    private List<ReceptorEvent> evacuate(String process, int index) {
        Optional<ActualLrp> current = current(process, index);
        if (current.isEmpty() || current.get().state() != ActualLrpState.RUNNING) {
            return List.of();
        }
        ActualLrp before = current.get();
        ActualLrp evacuating = new ActualLrp(process, before.instanceGuid(), before.cellId(), "cf-apps", index,
                before.address(), before.ports(), ActualLrpState.RUNNING, null, before.since() + 1, 0, null, true,
                before.modificationTag());
        ActualLrp replacement = lrp(process, index, "i-" + nextGuid++, null, ActualLrpState.UNCLAIMED, List.of(),
                false);
        actual.put(evacuating.instanceGuid(), evacuating);
        actual.put(replacement.instanceGuid(), replacement);
        return List.of(new ReceptorEvent.ActualLrpChanged(++eventId, before, evacuating),
                new ReceptorEvent.ActualLrpCreated(++eventId, replacement));
    }

    private List<ReceptorEvent> remove(String process, int index) {
        List<ReceptorEvent> events = new ArrayList<>();
        actual.values()
            .stream()
            .filter(lrp -> lrp.processGuid().equals(process) && lrp.index() == index)
            .filter(lrp -> lrp.evacuating() || current(process, index).isEmpty())
            .findFirst()
            .or(() -> current(process, index))
            .ifPresent(lrp -> {
                actual.remove(lrp.instanceGuid());
                events.add(new ReceptorEvent.ActualLrpRemoved(++eventId, lrp));
            });
        return events;
    }

    /** The index's instance that is not evacuating. */
    private Optional<ActualLrp> current(String process, int index) {
        return actual.values()
            .stream()
            .filter(lrp -> lrp.processGuid().equals(process) && lrp.index() == index && !lrp.evacuating())
            .findFirst();
    }

    private ActualLrp lrp(String process, int index, String instanceGuid, String cell, ActualLrpState state,
            List<PortMapping> ports, boolean evacuating) {
        String address = cell == null ? null : "10.0." + cell.length() + "." + (index + 1);
        return new ActualLrp(process, instanceGuid, cell, "cf-apps", index,
                state == ActualLrpState.RUNNING ? address : null, ports, state, null, eventId * 1000, 0, null,
                evacuating, new ModificationTag("e", (int) eventId));
    }

    private static Map<String, JsonNode> routes(String process, int variant) {
        String http = switch (variant) {
            case 0 -> "[{\"hostnames\": [\"" + process + ".example.com\"], \"port\": 8080}]";
            case 1 -> "[{\"hostnames\": [\"" + process + ".example.com\", \"www." + process
                    + ".example.com\"], \"port\": 8080, \"route_service_url\": \"https://rs.example.com\"}]";
            case 2 -> "[{\"hostnames\": [\"" + process + ".example.com\"], \"port\": 9090, "
                    + "\"isolation_segment\": \"dmz\"}]";
            case 3 -> "[]";
            default -> "[{\"hostnames\": [\"" + process + ".example.com\"], \"port\": 8080}, {\"hostnames\": "
                    + "[\"admin." + process + ".example.com\"], \"port\": 9090}]";
        };
        String tcp = "[{\"external_port\": " + (61000 + variant) + ", \"container_port\": 9090}]";
        return Map.of(ReceptorRecords.HTTP_ROUTER, ReceptorJson.mapper().readTree(http), ReceptorRecords.TCP_ROUTER,
                ReceptorJson.mapper().readTree(tcp));
    }

}
