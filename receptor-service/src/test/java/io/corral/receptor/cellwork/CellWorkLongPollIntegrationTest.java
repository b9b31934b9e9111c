package io.corral.receptor.cellwork;

import static io.corral.testsupport.ApiAssertions.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.CellWork;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorException;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.ServiceUnderTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CellWorkLongPollIntegrationTest extends ReceptorIntegrationTest {

    @Test
    void aWaitingCellIsAnsweredAsSoonAsWorkIsAssignedToIt() throws Exception {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-poll", ApiFixtures.cell("cell-poll", "z1", List.of()));
        receptor.desireLrp(ApiFixtures.desiredLrp("polled", 1));
        CellWork before = receptor.work("cell-poll");
        assertThat(before.actualLrps()).isEmpty();

        CompletableFuture<CellWork> poll = CompletableFuture
            .supplyAsync(() -> receptor.awaitWork("cell-poll", before.eventId(), 50));
        ActualLrp unclaimed = receptor.actualLrp("polled", 0);
        receptor.assign("polled", 0, new Assignment(unclaimed.instanceGuid(), "cell-poll", null));

        CellWork after = poll.get(20, TimeUnit.SECONDS);
        assertThat(after.actualLrps()).extracting(ActualLrp::processGuid).containsExactly("polled");
        assertThat(after.eventId()).isGreaterThan(before.eventId());
    }

    @Test
    void changesOnOtherCellsDoNotWakeAPoll() throws Exception {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-waiting", ApiFixtures.cell("cell-waiting", "z1", List.of()));
        receptor.heartbeat("cell-busy", ApiFixtures.cell("cell-busy", "z1", List.of()));
        receptor.desireLrp(ApiFixtures.desiredLrp("elsewhere", 1));
        receptor.desireLrp(ApiFixtures.desiredLrp("here", 1));
        CellWork before = receptor.work("cell-waiting");

        CompletableFuture<CellWork> poll = CompletableFuture
            .supplyAsync(() -> receptor.awaitWork("cell-waiting", before.eventId(), 50));
        ApiFixtures.runInstance(receptor, "cell-busy", "elsewhere", 0);
        assertThat(poll).as("three changes on another cell").isNotCompleted();
        Thread.sleep(1_000);
        assertThat(poll).as("three changes on another cell, a second later").isNotCompleted();

        ActualLrp unclaimed = receptor.actualLrp("here", 0);
        receptor.assign("here", 0, new Assignment(unclaimed.instanceGuid(), "cell-waiting", null));

        assertThat(poll.get(20, TimeUnit.SECONDS).actualLrps()).extracting(ActualLrp::processGuid)
            .containsExactly("here");
    }

    @Test
    void aPollWithNothingNewAnswersTheSameWorkWhenTheWaitIsOver() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-quiet", ApiFixtures.cell("cell-quiet", "z1", List.of()));
        CellWork now = receptor.work("cell-quiet");

        CellWork later = receptor.awaitWork("cell-quiet", now.eventId() + 1_000_000, 1);

        assertThat(later.actualLrps()).isEmpty();
        assertThat(later.tasks()).isEmpty();
    }

    /**
     * A held poll would hold up the web server's graceful shutdown for its whole wait (a
     * cell agent polls for 30 s), and so the stop of the launcher that runs one.
     */
    @Test
    void aReplicaShuttingDownAnswersTheWaitingPollsAtOnce() throws Exception {
        ServiceUnderTest replica = ServiceUnderTest.start(ReceptorApplication.SERVICE,
                Map.of("corral.convergence.interval", "1h"));
        ReceptorClient receptor = replica.client();
        receptor.heartbeat("cell-stopping", ApiFixtures.cell("cell-stopping", "z1", List.of()));
        CellWork now = receptor.work("cell-stopping");
        CompletableFuture<CellWork> poll = CompletableFuture
            .supplyAsync(() -> receptor.awaitWork("cell-stopping", now.eventId(), 60));
        Thread.sleep(1_000);

        replica.close();

        assertThat(poll.get(20, TimeUnit.SECONDS).actualLrps()).isEmpty();
    }

    @Test
    void aWaitOverTheLimitIsRefused() {
        ReceptorException refused = assertApiError(() -> receptor().awaitWork("cell-any", 0, 61), 400,
                "InvalidRequest");
        assertThat(refused.getMessage()).contains("wait_seconds");
    }

}
