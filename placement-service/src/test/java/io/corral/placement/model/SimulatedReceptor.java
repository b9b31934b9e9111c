package io.corral.placement.model;

import static io.corral.placement.model.ModelFixtures.instance;
import static io.corral.placement.model.ModelFixtures.task;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskState;
import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.testsupport.ApiFixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A receptor reduced to what the placement model follows: random changes of a few desired
 * LRPs, instances and tasks, each answered with the event the receptor would send.
 */
final class SimulatedReceptor {

    private static final String[] CELLS = { null, "cell-a", "cell-b" };

    private final Random random;

    private final Map<String, DesiredLrp> desired = new HashMap<>();

    private final Map<String, ActualLrp> instances = new HashMap<>();

    private final Map<String, Task> tasks = new HashMap<>();

    private long nextId = 1;

    private int nextGuid;

    SimulatedReceptor(long seed) {
        this.random = new Random(seed);
    }

    /** What a full read answers now. */
    ModelState read() {
        return ModelState.of(List.copyOf(desired.values()), List.copyOf(instances.values()),
                List.copyOf(tasks.values()));
    }

    /** One of the instances or tasks, by guid, or null if there are none. */
    String anyInstance() {
        return any(instances.keySet());
    }

    String anyTask() {
        return any(tasks.keySet());
    }

    /** A cell, or none. */
    String cell() {
        return CELLS[random.nextInt(CELLS.length)];
    }

    private String any(Set<String> guids) {
        List<String> sorted = guids.stream().sorted().toList();
        return sorted.isEmpty() ? null : sorted.get(random.nextInt(sorted.size()));
    }

    ReceptorEvent change() {
        return switch (random.nextInt(3)) {
            case 0 -> changeDesired();
            case 1 -> changeInstance();
            default -> changeTask();
        };
    }

    private ReceptorEvent changeDesired() {
        String guid = "p" + random.nextInt(3);
        DesiredLrp before = desired.get(guid);
        if (before != null && random.nextInt(3) == 0) {
            desired.remove(guid);
            return new ReceptorEvent.DesiredLrpRemoved(nextId++, before);
        }
        DesiredLrp after = ApiFixtures.desiredLrpBuilder(guid)
            .instances(1 + random.nextInt(5))
            .memoryMb(128 * (1 + random.nextInt(4)))
            .build();
        desired.put(guid, after);
        return before == null ? new ReceptorEvent.DesiredLrpCreated(nextId++, after)
                : new ReceptorEvent.DesiredLrpChanged(nextId++, before, after);
    }

    private ReceptorEvent changeInstance() {
        List<ActualLrp> existing = new ArrayList<>(instances.values());
        if (existing.isEmpty() || random.nextInt(4) == 0) {
            ActualLrp created = instance(newGuid(), "p" + random.nextInt(3), random.nextInt(3),
                    ActualLrpState.UNCLAIMED, null);
            instances.put(created.instanceGuid(), created);
            return new ReceptorEvent.ActualLrpCreated(nextId++, created);
        }
        ActualLrp before = existing.get(random.nextInt(existing.size()));
        instances.remove(before.instanceGuid());
        switch (random.nextInt(4)) {
            case 0:
                return new ReceptorEvent.ActualLrpRemoved(nextId++, before);
            case 1:
                // A restart: a new incarnation of the index.
                ActualLrp restarted = instance(newGuid(), before.processGuid(), before.index(),
                        ActualLrpState.UNCLAIMED, null);
                instances.put(restarted.instanceGuid(), restarted);
                return new ReceptorEvent.ActualLrpChanged(nextId++, before, restarted);
            default:
                ActualLrp after = instance(before.instanceGuid(), before.processGuid(), before.index(),
                        ActualLrpState.values()[random.nextInt(ActualLrpState.values().length)], cell());
                instances.put(after.instanceGuid(), after);
                return new ReceptorEvent.ActualLrpChanged(nextId++, before, after);
        }
    }

    private ReceptorEvent changeTask() {
        String guid = "t" + random.nextInt(4);
        Task before = tasks.get(guid);
        if (before != null && random.nextInt(3) == 0) {
            tasks.remove(guid);
            return new ReceptorEvent.TaskRemoved(nextId++, before);
        }
        Task after = task(guid, TaskState.values()[random.nextInt(TaskState.values().length)], cell());
        tasks.put(guid, after);
        return before == null ? new ReceptorEvent.TaskCreated(nextId++, after)
                : new ReceptorEvent.TaskChanged(nextId++, before, after);
    }

    private String newGuid() {
        return "i" + nextGuid++;
    }

}
