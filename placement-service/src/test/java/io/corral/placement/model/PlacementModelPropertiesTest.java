package io.corral.placement.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.auction.Resources;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskState;
import io.corral.receptor.api.event.ReceptorEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class PlacementModelPropertiesTest {

    /**
     * A model read in full at the start and fed every event after equals a full read at
     * the end.
     */
    @Property(tries = 300)
    void eventsAppliedToAReadEqualTheReadAfterThem(@ForAll long seed, @ForAll @IntRange(max = 60) int changes) {
        SimulatedReceptor receptor = new SimulatedReceptor(seed);
        for (int i = 0; i < changes / 3; i++) {
            receptor.change();
        }
        PlacementModel model = model();
        model.completeRead(model.beginRead(), receptor.read());

        for (int i = 0; i < changes; i++) {
            model.apply(receptor.change());
        }

        assertThat(model.state()).isEqualTo(receptor.read());
    }

    /**
     * A second full read runs while changes go on: it begins after {@code begin} changes,
     * reads the receptor as it is after {@code readAt} of them, and completes once the
     * model has had the events of the first {@code complete}; its events keep arriving
     * late, before and after it completes. Every change still shows in the end.
     */
    @Property(tries = 500)
    void aFullReadDuringChangesLosesNone(@ForAll long seed, @ForAll @IntRange(max = 40) int changes,
            @ForAll @IntRange(max = 40) int begin, @ForAll @IntRange(max = 40) int readAt,
            @ForAll @IntRange(max = 40) int complete) {
        int beginAt = Math.min(begin, changes);
        int readPoint = Math.max(beginAt, Math.min(readAt, changes));
        int completeAt = Math.max(beginAt, Math.min(complete, changes));
        SimulatedReceptor receptor = new SimulatedReceptor(seed);
        PlacementModel model = model();
        model.completeRead(model.beginRead(), receptor.read());
        List<ReceptorEvent> events = new ArrayList<>();
        ModelState readThen = null;
        for (int i = 0; i < changes; i++) {
            if (i == readPoint) {
                readThen = receptor.read();
            }
            events.add(receptor.change());
        }
        if (readThen == null) {
            readThen = receptor.read();
        }

        events.subList(0, beginAt).forEach(model::apply);
        PlacementModel.Read read = model.beginRead();
        events.subList(beginAt, completeAt).forEach(model::apply);
        model.completeRead(read, readThen);
        events.subList(completeAt, changes).forEach(model::apply);

        assertThat(model.state()).isEqualTo(receptor.read());
    }

    /**
     * The backlog the model keeps as records change equals the one worked out afresh from
     * every record, through events, full reads, the auction's placements and their
     * expiry.
     */
    @Property(tries = 500)
    void theBacklogKeptAsRecordsChangeEqualsOneWorkedOutFromEveryRecord(@ForAll long seed,
            @ForAll @IntRange(max = 80) int steps) {
        SimulatedReceptor receptor = new SimulatedReceptor(seed);
        Random random = new Random(seed);
        long[] now = { 0 };
        PlacementModel model = new PlacementModel(Duration.ofSeconds(30), () -> now[0]);
        model.completeRead(model.beginRead(), receptor.read());
        for (int step = 0; step < steps; step++) {
            switch (random.nextInt(6)) {
                case 0 -> placeSomething(model, receptor);
                case 1 -> now[0] += Duration.ofSeconds(20).toNanos();
                case 2 -> model.completeRead(model.beginRead(), receptor.read());
                default -> model.apply(receptor.change());
            }

            assertBacklogWorkedOutFrom(model.state(), model.backlog());
        }
    }

    private static void placeSomething(PlacementModel model, SimulatedReceptor receptor) {
        String instance = receptor.anyInstance();
        String task = receptor.anyTask();
        String cell = Objects.requireNonNullElse(receptor.cell(), "cell-c");
        model.placed(instance == null ? Map.of() : Map.of(instance, cell),
                task == null ? Map.of() : Map.of(task, cell));
    }

    /** docs/design.md's rules for what waits for a cell and what holds one, restated. */
    private static void assertBacklogWorkedOutFrom(ModelState state, Backlog backlog) {
        List<ActualLrp> waiting = new ArrayList<>();
        List<Task> waitingTasks = new ArrayList<>();
        Map<String, Resources> used = new HashMap<>();
        Map<String, Map<String, Integer>> spreads = new HashMap<>();
        for (ActualLrp instance : state.actualLrps().values()) {
            DesiredLrp desired = state.desiredLrps().get(instance.processGuid());
            if (desired == null) {
                continue;
            }
            if (instance.state() == ActualLrpState.UNCLAIMED && instance.cellId() == null) {
                waiting.add(instance);
            }
            else if (instance.cellId() != null && instance.state() != ActualLrpState.CRASHED) {
                hold(used, spreads, instance.cellId(), instance.processGuid(), ReceptorWork.needsOf(desired));
            }
        }
        for (Task task : state.tasks().values()) {
            if (task.state() == TaskState.PENDING && task.cellId() == null) {
                waitingTasks.add(task);
            }
            else if (task.cellId() != null
                    && Set.of(TaskState.PENDING, TaskState.CLAIMED, TaskState.RUNNING).contains(task.state())) {
                hold(used, spreads, task.cellId(), "task:" + task.taskGuid(), ReceptorWork.needsOf(task));
            }
        }

        assertThat(backlog.instances()).containsExactlyInAnyOrderElementsOf(waiting);
        assertThat(backlog.tasks()).containsExactlyInAnyOrderElementsOf(waitingTasks);
        assertThat(backlog.desiredLrps().keySet())
            .isEqualTo(waiting.stream().map(ActualLrp::processGuid).collect(Collectors.toSet()));
        assertThat(backlog.occupancy().usedByCell()).isEqualTo(used);
        waiting.forEach(instance -> assertThat(backlog.occupancy().cellsHolding(instance.processGuid()))
            .isEqualTo(spreads.getOrDefault(instance.processGuid(), Map.of())));
    }

    private static void hold(Map<String, Resources> used, Map<String, Map<String, Integer>> spreads, String cell,
            String process, Resources needs) {
        used.merge(cell, needs, Resources::plus);
        spreads.computeIfAbsent(process, p -> new HashMap<>()).merge(cell, 1, Integer::sum);
    }

    private static PlacementModel model() {
        return new PlacementModel(Duration.ofSeconds(30), () -> 0);
    }

}
