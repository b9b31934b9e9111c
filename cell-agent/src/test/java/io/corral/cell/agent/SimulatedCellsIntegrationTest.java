package io.corral.cell.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.cell.CellAgentApplication;
import io.corral.cell.container.Containers;
import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TemporaryDirectories;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several agents of the {@code simulated} backend in one JVM, each its own cell, against
 * one real receptor. Nothing places work but the tests, so the agents stop without
 * evacuating (EvacuationIntegrationTest evacuates).
 */
class SimulatedCellsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ServiceUnderTest receptorService;

    private static ServiceUnderTest steady;

    private static ServiceUnderTest flaky;

    private static ReceptorClient receptor;

    @BeforeAll
    static void start() throws Exception {
        receptorService = ServiceUnderTest.start(ReceptorApplication.SERVICE,
                Map.of("corral.convergence.interval", "1h"));
        receptor = receptorService.client();
        steady = agent("cell-steady", "0.0");
        flaky = agent("cell-flaky", "1.0");
    }

    private static ServiceUnderTest agent(String cellId, String crashRate) throws Exception {
        return ServiceUnderTest.start(CellAgentApplication.SERVICE,
                Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1/unused", "corral.receptor.url",
                        receptorService.uri().toString(), "corral.cell.id", cellId, "corral.cell.zone", "z1",
                        "corral.cell.backend", "simulated", "corral.cell.simulated.start-delay", "50ms",
                        "corral.cell.simulated.crash-rate", crashRate, "corral.cell.reconcile-interval", "1s",
                        "corral.cell.work-directory", TemporaryDirectories.create(cellId).toString(),
                        "corral.cell.evacuation-timeout", "0s"));
    }

    @AfterAll
    static void stop() {
        for (ServiceUnderTest service : new ServiceUnderTest[] { steady, flaky, receptorService }) {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    void eachCellRunsWhatIsPlacedOnIt() {
        receptor.desireLrp(ApiFixtures.desiredLrp("sim-web", 1));
        place("sim-web", 0, "cell-steady");

        Eventually.untilPasses(WAIT, () -> {
            ActualLrp running = receptor.actualLrp("sim-web", 0);
            assertThat(running.state()).isEqualTo(ActualLrpState.RUNNING);
            assertThat(running.cellId()).isEqualTo("cell-steady");
            assertThat(running.ports()).extracting(PortMapping::containerPort).containsExactly(8080, 2222);
        });
        assertThat(receptor.cells()).extracting(cell -> cell.cellId()).contains("cell-steady", "cell-flaky");
    }

    @Test
    void aCellWithACrashRateOfOneCrashesWhatItStarts() {
        receptor.desireLrp(ApiFixtures.desiredLrp("sim-crashy", 1));
        place("sim-crashy", 0, "cell-flaky");

        Eventually.untilPasses(WAIT, () -> {
            ActualLrp after = receptor.actualLrp("sim-crashy", 0);
            assertThat(after.crashCount()).isEqualTo(1);
            assertThat(after.crashReason()).isEqualTo("APP/PROC/WEB: Exited with status 1 (simulated crash)");
        });
    }

    /**
     * A container that vanished without a word (its crash report was lost): the instance
     * the receptor still holds RUNNING is reported crashed at the next reconciliation.
     */
    @Test
    void anInstanceTheCellNoLongerRunsIsReportedCrashedAtTheNextReconciliation() {
        receptor.desireLrp(ApiFixtures.desiredLrp("sim-lost", 1));
        place("sim-lost", 0, "cell-steady");
        Eventually.await(WAIT, "running", () -> receptor.actualLrp("sim-lost", 0).state() == ActualLrpState.RUNNING);

        steady.bean(Containers.class).stop(receptor.actualLrp("sim-lost", 0).instanceGuid());

        Eventually.untilPasses(WAIT, () -> {
            ActualLrp after = receptor.actualLrp("sim-lost", 0);
            assertThat(after.crashCount()).isEqualTo(1);
            assertThat(after.crashReason()).isEqualTo("the cell no longer runs this instance");
        });
    }

    private static void place(String processGuid, int index, String cellId) {
        ActualLrp unclaimed = receptor.actualLrp(processGuid, index);
        receptor.assign(processGuid, index, new Assignment(unclaimed.instanceGuid(), cellId, null));
    }

}
