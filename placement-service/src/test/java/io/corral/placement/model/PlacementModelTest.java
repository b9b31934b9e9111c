package io.corral.placement.model;

import static io.corral.placement.model.ModelFixtures.instance;
import static io.corral.placement.model.ModelFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.TaskState;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpRemoved;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpRemoved;
import io.corral.receptor.api.event.ReceptorEvent.TaskChanged;
import io.corral.receptor.api.event.ReceptorEvent.TaskCreated;
import io.corral.receptor.api.event.ReceptorEvent.TaskRemoved;
import io.corral.testsupport.ApiFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PlacementModelTest {

    private final AtomicLong now = new AtomicLong();

    private final PlacementModel model = new PlacementModel(Duration.ofSeconds(30), now::get);

    private void readEmpty() {
        model.completeRead(model.beginRead(), ModelState.of(List.of(), List.of(), List.of()));
    }

    @Test
    void knowsNothingUntilItsFirstFullReadCompletes() {
        PlacementModel.Read read = model.beginRead();
        assertThat(model.synced()).isFalse();
        model.abandonRead(read);
        assertThat(model.synced()).isFalse();

        model.completeRead(model.beginRead(),
                ModelState.of(List.of(ApiFixtures.desiredLrp("web", 1)), List.of(), List.of()));

        assertThat(model.synced()).isTrue();
        assertThat(model.state().desiredLrps()).containsOnlyKeys("web");
    }

    @Test
    void aWaitForTheFirstReadEndsWhenItCompletes() throws Exception {
        assertThat(model.awaitSynced(Duration.ofMillis(10))).isFalse();
        var waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return model.awaitSynced(Duration.ofMinutes(1));
            }
            catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        readEmpty();

        assertThat(waiter.get()).isTrue();
    }

    @Test
    void desiredLrpsFollowTheirEvents() {
        readEmpty();
        var web = ApiFixtures.desiredLrp("web", 1);
        var scaled = ApiFixtures.desiredLrp("web", 3);

        model.apply(new DesiredLrpCreated(1, web));
        assertThat(model.state().desiredLrps()).containsEntry("web", web);
        model.apply(new DesiredLrpChanged(2, web, scaled));
        assertThat(model.state().desiredLrps()).containsEntry("web", scaled);
        model.apply(new DesiredLrpRemoved(3, scaled));
        assertThat(model.state().desiredLrps()).isEmpty();
    }

    @Test
    void instancesFollowTheirEventsByInstanceGuidAcrossStatesAndCells() {
        readEmpty();
        ActualLrp unclaimed = instance("i-1", "web", 0, ActualLrpState.UNCLAIMED, null);
        ActualLrp running = instance("i-1", "web", 0, ActualLrpState.RUNNING, "cell-a");
        ActualLrp restarted = instance("i-2", "web", 0, ActualLrpState.UNCLAIMED, null);

        model.apply(new ActualLrpCreated(1, unclaimed));
        model.apply(new ActualLrpChanged(2, unclaimed, running));
        assertThat(model.state().actualLrps()).containsOnly(Map.entry("i-1", running));

        model.apply(new ActualLrpChanged(3, running, restarted));
        assertThat(model.state().actualLrps()).as("a new incarnation replaces the old one")
            .containsOnly(Map.entry("i-2", restarted));

        model.apply(new ActualLrpRemoved(4, restarted));
        assertThat(model.state().actualLrps()).isEmpty();
    }

    @Test
    void tasksFollowTheirEvents() {
        readEmpty();
        var pending = task("t-1", TaskState.PENDING, null);
        var claimed = task("t-1", TaskState.CLAIMED, "cell-a");

        model.apply(new TaskCreated(1, pending));
        model.apply(new TaskChanged(2, pending, claimed));
        assertThat(model.state().tasks()).containsOnly(Map.entry("t-1", claimed));
        model.apply(new TaskRemoved(3, claimed));
        assertThat(model.state().tasks()).isEmpty();
    }

    @Test
    void aChangeThatArrivesDuringAFullReadIsNotLostWhenTheReadMissedIt() {
        readEmpty();
        ActualLrp unclaimed = instance("i-1", "web", 0, ActualLrpState.UNCLAIMED, null);
        ActualLrp claimed = instance("i-1", "web", 0, ActualLrpState.CLAIMED, "cell-a");
        model.apply(new ActualLrpCreated(1, unclaimed));

        PlacementModel.Read read = model.beginRead();
        model.apply(new ActualLrpChanged(2, unclaimed, claimed));
        model.completeRead(read, ModelState.of(List.of(), List.of(unclaimed), List.of()));

        assertThat(model.state().actualLrps()).containsOnly(Map.entry("i-1", claimed));
    }

    @Test
    void aChangeTheReadAlreadySawChangesNothing() {
        readEmpty();
        ActualLrp claimed = instance("i-1", "web", 0, ActualLrpState.CLAIMED, "cell-a");
        PlacementModel.Read read = model.beginRead();
        model.apply(new ActualLrpCreated(1, claimed));
        model.completeRead(read, ModelState.of(List.of(), List.of(claimed), List.of()));

        assertThat(model.state().actualLrps()).containsOnly(Map.entry("i-1", claimed));
    }

    @Test
    void aPlacementCountsOnItsCellUntilItsEventArrives() {
        readEmpty();
        ActualLrp unclaimed = instance("i-1", "web", 0, ActualLrpState.UNCLAIMED, null);
        model.apply(new ActualLrpCreated(1, unclaimed));
        model.apply(new TaskCreated(2, task("t-1", TaskState.PENDING, null)));

        model.placed(Map.of("i-1", "cell-a"), Map.of("t-1", "cell-b"));

        assertThat(model.state().actualLrps().get("i-1").cellId()).isEqualTo("cell-a");
        assertThat(model.state().tasks().get("t-1").cellId()).isEqualTo("cell-b");

        ActualLrp failedBefore = instance("i-1", "web", 0, ActualLrpState.UNCLAIMED, null, "insufficient resources");
        model.apply(new ActualLrpChanged(3, unclaimed, failedBefore));
        assertThat(model.state().actualLrps().get("i-1").cellId()).as("an older change does not undo the placement")
            .isEqualTo("cell-a");

        ActualLrp assigned = instance("i-1", "web", 0, ActualLrpState.UNCLAIMED, "cell-c");
        model.apply(new ActualLrpChanged(4, failedBefore, assigned));
        ActualLrp crashed = instance("i-1", "web", 0, ActualLrpState.UNCLAIMED, null);
        model.apply(new ActualLrpChanged(5, assigned, crashed));
        assertThat(model.state().actualLrps().get("i-1").cellId()).as("once its event arrived, the receptor's word")
            .isNull();
    }

    @Test
    void aPlacementWhoseEventArrivedBeforeTheBatchWasAnsweredDoesNotOutliveIt() {
        readEmpty();
        ActualLrp unclaimed = instance("i-1", "web", 0, ActualLrpState.UNCLAIMED, null);
        ActualLrp assigned = instance("i-1", "web", 0, ActualLrpState.UNCLAIMED, "cell-a");
        ActualLrp returned = instance("i-1", "web", 0, ActualLrpState.UNCLAIMED, null);
        var pending = task("t-1", TaskState.PENDING, null);
        var claimed = task("t-1", TaskState.CLAIMED, "cell-b");
        model.apply(new DesiredLrpCreated(1, ApiFixtures.desiredLrp("web", 1)));
        model.apply(new ActualLrpCreated(1, unclaimed));
        model.apply(new TaskCreated(2, pending));
        model.apply(new ActualLrpChanged(3, unclaimed, assigned));
        model.apply(new TaskChanged(4, pending, claimed));

        model.placed(Map.of("i-1", "cell-a"), Map.of("t-1", "cell-b"));
        model.apply(new ActualLrpChanged(5, assigned, returned));

        assertThat(model.state().actualLrps().get("i-1").cellId()).as("back to waiting, as its last event says")
            .isNull();
        assertThat(model.backlog().instances()).containsExactly(returned);
        assertThat(model.state().tasks().get("t-1")).isEqualTo(claimed);
    }

    @Test
    void aPlacementWhoseEventNeverArrivesCountsOnlyForItsTimeToLive() {
        readEmpty();
        model.apply(new ActualLrpCreated(1, instance("i-1", "web", 0, ActualLrpState.UNCLAIMED, null)));
        model.placed(Map.of("i-1", "cell-a"), Map.of());

        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(model.state().actualLrps().get("i-1").cellId()).isEqualTo("cell-a");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(model.state().actualLrps().get("i-1").cellId()).isNull();
    }

    @Test
    void anInstanceIsExplainedAmongWhatTheCellsHoldBesidesIt() {
        ActualLrp running = instance("i-0", "web", 0, ActualLrpState.RUNNING, "cell-a");
        ActualLrp sibling = instance("i-1", "web", 1, ActualLrpState.RUNNING, "cell-a");
        model.completeRead(model.beginRead(),
                ModelState.of(List.of(ApiFixtures.desiredLrp("web", 2)), List.of(running, sibling), List.of()));

        PlacementContext context = model.placementContext("web", 0).orElseThrow();

        assertThat(context.desiredLrp().processGuid()).isEqualTo("web");
        assertThat(context.others().cellsHolding("web")).isEqualTo(Map.of("cell-a", 1));
        assertThat(context.others().usedOn("cell-a").containers()).isEqualTo(1);
        assertThat(model.backlog().occupancy().usedOn("cell-a").containers()).as("the model itself is unchanged")
            .isEqualTo(2);
        assertThat(model.placementContext("web", 2)).isEmpty();
        assertThat(model.placementContext("api", 0)).isEmpty();
    }

}
