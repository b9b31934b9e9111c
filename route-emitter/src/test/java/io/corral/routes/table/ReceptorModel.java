package io.corral.routes.table;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
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

    /** The cells present: what the receptor lists. */
    final Map<String, CellPlacement> cells = new HashMap<>(Map.of("cell-a", new CellPlacement("z1", null), "cell-b",
            new CellPlacement("z2", null), "cell-dmz", new CellPlacement("z1", "dmz")));

    /** The cells that stopped heartbeating, as they were. */
    private final Map<String, CellPlacement> gone = new HashMap<>();

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
        if (cells.containsKey(cell)) {
            cells.put(cell, new CellPlacement("z" + (op % 3), op % 2 == 0 ? null : "seg" + (op % 5)));
        }
    }

    /**
     * As {@link #loseOrReturnCell}, but only a present cell goes: a gone one stays gone.
     */
    List<ReceptorEvent> loseCell(int op) {
        return cells.containsKey(CELLS[op % CELLS.length]) ? loseOrReturnCell(op) : List.of();
    }

    /**
     * A present cell goes, as convergence sees it: its running instances become suspect
     * beside new UNCLAIMED instances of their indices, evacuating ones go. A gone cell
     * comes back as it was: its suspects are their indices' instances again, and their
     * replacements go.
     */
    List<ReceptorEvent> loseOrReturnCell(int op) {
        String cell = CELLS[op % CELLS.length];
        List<ReceptorEvent> events = new ArrayList<>();
        if (cells.containsKey(cell)) {
            gone.put(cell, cells.remove(cell));
            for (ActualLrp lost : onCell(cell)) {
                if (lost.presence() == ActualLrpPresence.EVACUATING) {
                    actual.remove(lost.instanceGuid());
                    events.add(new ReceptorEvent.ActualLrpRemoved(++eventId, lost));
                }
                else if (lost.presence() == ActualLrpPresence.ORDINARY) {
                    ActualLrp suspect = withPresence(lost, ActualLrpPresence.SUSPECT);
                    ActualLrp replacement = lrp(lost.processGuid(), lost.index(), "i-" + nextGuid++, null,
                            ActualLrpState.UNCLAIMED, List.of(), ActualLrpPresence.ORDINARY);
                    actual.put(suspect.instanceGuid(), suspect);
                    actual.put(replacement.instanceGuid(), replacement);
                    events.add(new ReceptorEvent.ActualLrpChanged(++eventId, lost, suspect));
                    events.add(new ReceptorEvent.ActualLrpCreated(++eventId, replacement));
                }
            }
            return events;
        }
        cells.put(cell, gone.remove(cell));
        for (ActualLrp suspect : onCell(cell)) {
            Optional<ActualLrp> current = current(suspect.processGuid(), suspect.index());
            if (current.isPresent() && current.get().state() == ActualLrpState.RUNNING) {
                continue;
            }
            current.ifPresent(replacement -> {
                actual.remove(replacement.instanceGuid());
                events.add(new ReceptorEvent.ActualLrpRemoved(++eventId, replacement));
            });
            ActualLrp returned = withPresence(suspect, ActualLrpPresence.ORDINARY);
            actual.put(returned.instanceGuid(), returned);
            events.add(new ReceptorEvent.ActualLrpChanged(++eventId, suspect, returned));
        }
        return events;
    }

    /** What the receptor answers: the cells present only. */
    RouteSources fullRead() {
        return fullRead(cells);
    }

    /**
     * What a route emitter that followed the receptor knows: also the gone cells that
     * routable (suspect) instances still run on.
     */
    RouteSources fullReadKeepingGoneCells() {
        Map<String, CellPlacement> known = new HashMap<>(cells);
        actual.values()
            .stream()
            .filter(lrp -> ReceptorRecords.routable(lrp).isPresent() && gone.containsKey(lrp.cellId()))
            .forEach(lrp -> known.put(lrp.cellId(), gone.get(lrp.cellId())));
        return fullRead(known);
    }

    private RouteSources fullRead(Map<String, CellPlacement> knownCells) {
        List<DesiredRoutes> routes = desired.values().stream().map(ReceptorRecords::desiredRoutes).toList();
        List<RoutableInstance> instances = actual.values()
            .stream()
            .map(ReceptorRecords::routable)
            .flatMap(Optional::stream)
            .toList();
        return new RouteSources(routes, instances, Map.copyOf(knownCells));
    }

    private List<ActualLrp> onCell(String cell) {
        return actual.values().stream().filter(lrp -> cell.equals(lrp.cellId())).toList();
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

    /**
     * The index's instance runs on {@code cell} (a present one); the index's suspect goes
     * in the same transaction.
     */
    private List<ReceptorEvent> run(String process, int index, String cell, int variant) {
        if (!cells.containsKey(cell)) {
            return List.of();
        }
        Optional<ActualLrp> current = current(process, index);
        ActualLrp running = lrp(process, index, current.map(ActualLrp::instanceGuid).orElse("i-" + nextGuid++), cell,
                ActualLrpState.RUNNING,
                variant == 4 ? List.of()
                        : List.of(new PortMapping(8080, nextPort++), new PortMapping(9090, nextPort++)),
                ActualLrpPresence.ORDINARY);
        actual.put(running.instanceGuid(), running);
        List<ReceptorEvent> events = new ArrayList<>();
        events.add(current.isPresent() ? new ReceptorEvent.ActualLrpChanged(++eventId, current.get(), running)
                : new ReceptorEvent.ActualLrpCreated(++eventId, running));
        actual.values()
            .stream()
            .filter(lrp -> lrp.processGuid().equals(process) && lrp.index() == index
                    && lrp.presence() == ActualLrpPresence.SUSPECT)
            .findFirst()
            .ifPresent(suspect -> {
                actual.remove(suspect.instanceGuid());
                events.add(new ReceptorEvent.ActualLrpRemoved(++eventId, suspect));
            });
        return events;
    }

    private List<ReceptorEvent> crash(String process, int index) {
        return current(process, index).map(before -> {
            boolean restarted = (before.since() / 1000) % 2 == 0;
            ActualLrp crashed = lrp(process, index, restarted ? "i-" + nextGuid++ : before.instanceGuid(), null,
                    restarted ? ActualLrpState.UNCLAIMED : ActualLrpState.CRASHED, List.of(),
                    ActualLrpPresence.ORDINARY);
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
                ActualLrpPresence.ORDINARY);
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
            .filter(lrp -> lrp.presence() != ActualLrpPresence.ORDINARY || current(process, index).isEmpty())
            .findFirst()
            .or(() -> current(process, index))
            .ifPresent(lrp -> {
                actual.remove(lrp.instanceGuid());
                events.add(new ReceptorEvent.ActualLrpRemoved(++eventId, lrp));
            });
        return events;
    }

    /** The index's ordinary instance. */
    private Optional<ActualLrp> current(String process, int index) {
        return actual.values()
            .stream()
            .filter(lrp -> lrp.processGuid().equals(process) && lrp.index() == index
                    && lrp.presence() == ActualLrpPresence.ORDINARY)
            .findFirst();
    }

    private ActualLrp lrp(String process, int index, String instanceGuid, String cell, ActualLrpState state,
            List<PortMapping> ports, ActualLrpPresence presence) {
        String address = cell == null ? null : "10.0." + cell.length() + "." + (index + 1);
        return new ActualLrp(process, instanceGuid, cell, "cf-apps", index,
                state == ActualLrpState.RUNNING ? address : null, ports, state, null, eventId * 1000, 0, null, false,
                presence, new ModificationTag("e", (int) eventId), false);
    }

    private ActualLrp withPresence(ActualLrp lrp, ActualLrpPresence presence) {
        return new ActualLrp(lrp.processGuid(), lrp.instanceGuid(), lrp.cellId(), lrp.domain(), lrp.index(),
                lrp.address(), lrp.ports(), lrp.state(), null, lrp.since(), lrp.crashCount(), lrp.crashReason(), false,
                presence, lrp.modificationTag(), lrp.tainted());
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
