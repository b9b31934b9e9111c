package io.corral.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.ModificationTag;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpRemoved;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssignmentWatchTest {

    private final List<ActualLrp> receptorHolds = new ArrayList<>();

    private final AssignmentWatch watch = new AssignmentWatch(each -> receptorHolds.forEach(each));

    private static ActualLrp instance(String process, int index, String cell, String placementError,
            ActualLrpPresence presence) {
        return new ActualLrp(process, process + "-" + index, cell, "cf-apps", index, null, List.of(),
                ActualLrpState.UNCLAIMED, placementError, 0, 0, null, false, presence, new ModificationTag("e", 1),
                false);
    }

    private static ActualLrp unplaced(String process, int index) {
        return instance(process, index, null, null, ActualLrpPresence.ORDINARY);
    }

    private static ActualLrp on(String cell, String process, int index) {
        return instance(process, index, cell, null, ActualLrpPresence.ORDINARY);
    }

    private static ActualLrp failed(int index) {
        return instance("big", index, null, "insufficient resources: memory", ActualLrpPresence.ORDINARY);
    }

    private void assign(String process, int index, String cell) {
        watch.onEvent(new ActualLrpChanged(1, unplaced(process, index), on(cell, process, index)));
    }

    @Test
    void countsTheInstancesTheEventsGaveACell() throws InterruptedException {
        watch.onResync();
        watch.onEvent(new ActualLrpCreated(1, unplaced("web", 0)));
        watch.onEvent(new ActualLrpCreated(2, unplaced("web", 1)));
        assign("web", 0, "cell-a");

        assertThat(watch.assigned()).isEqualTo(1);
        assertThat(watch.awaitAssigned(1, Duration.ofSeconds(1))).isTrue();
        assertThat(watch.awaitProcess("web", 2, Duration.ZERO)).isEmpty();

        assign("web", 1, "cell-b");

        assertThat(watch.assigned()).isEqualTo(2);
        assertThat(watch.awaitProcess("web", 2, Duration.ZERO)).hasValue(watch.lastAssignedAt());
    }

    @Test
    void aPlacementErrorCountsUntilTheInstanceGetsACellAndARemovedInstanceNoLonger() {
        watch.onResync();
        watch.onEvent(new ActualLrpChanged(1, unplaced("big", 0), failed(0)));
        watch.onEvent(new ActualLrpChanged(2, unplaced("big", 1), failed(1)));

        assertThat(watch.placementErrors()).isEqualTo(Map.of("insufficient resources: memory", 2L));

        watch.onEvent(new ActualLrpChanged(3, failed(0), on("cell-a", "big", 0)));
        watch.onEvent(new ActualLrpRemoved(4, failed(1)));

        assertThat(watch.placementErrors()).isEmpty();
        assertThat(watch.assigned()).isEqualTo(1);
    }

    @Test
    void anInstanceBeingReplacedDoesNotCount() {
        watch.onResync();
        ActualLrp evacuating = instance("web", 0, "cell-a", null, ActualLrpPresence.EVACUATING);
        watch.onEvent(new ActualLrpChanged(1, evacuating, evacuating));
        assertThat(watch.assigned()).isZero();

        assign("web", 0, "cell-b");
        watch.onEvent(new ActualLrpRemoved(2, evacuating));

        assertThat(watch.assigned()).isEqualTo(1);
    }

    @Test
    void aResyncReadsEveryInstanceInsteadOfTheEventsLost() throws InterruptedException {
        watch.onResync();
        assign("web", 0, "cell-a");
        assign("web", 1, "cell-a");
        receptorHolds.addAll(List.of(on("cell-b", "web", 0), unplaced("web", 1), on("cell-c", "api", 0)));

        watch.onResync();

        assertThat(watch.resyncs()).isEqualTo(2);
        assertThat(watch.assigned()).isEqualTo(2);
        assertThat(watch.awaitProcess("api", 1, Duration.ZERO)).isPresent();
        assertThat(watch.awaitProcess("web", 2, Duration.ZERO)).isEmpty();
    }

}
