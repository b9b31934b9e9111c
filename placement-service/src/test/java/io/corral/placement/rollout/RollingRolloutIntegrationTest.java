package io.corral.placement.rollout;

import static io.corral.testsupport.ApiFixtures.desiredLrp;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.CellAgents;
import io.corral.placement.PlacementApplication;
import io.corral.placement.PlacementIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellCapacity;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.ServiceUnderTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

@TestPropertySource(properties = { "corral.placement.rollout.interval=200ms", "corral.placement.auction.interval=1s" })
class RollingRolloutIntegrationTest extends PlacementIntegrationTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Autowired
    RolloutRunner runner;

    @Autowired
    Environment environment;

    @Test
    void aConstraintChangeMovesViolatingInstancesOneAtATimeNeverBelowTheDesiredCount() {
        ReceptorClient receptor = receptor();
        heartbeatCells(receptor, "roll");
        admin().put("/v1/spaces/space-roll/placement_constraints/running", "{\"forbidden_tags\": [\"pci\"]}")
            .expect(200);
        try (CellAgents agents = CellAgents.start(receptor)) {
            receptor.desireLrp(inSpace(desiredLrp("roller", "cf-apps", 3, List.of()), "space-roll"));
            awaitRunningOn(receptor, "roller", 3, "plain-");

            MinimumRunning watch = MinimumRunning.watch(receptor, "roller");
            JsonNode change = admin()
                .put("/v1/spaces/space-roll/placement_constraints/running?rollout=rolling", "{\"tags\": [\"pci\"]}")
                .expect(200);

            assertThat(change.path("violations")).hasSize(3);
            assertThat(change.path("violations").get(0).path("reasons").get(0).asString())
                .isEqualTo("lacks required tag pci");
            long rolloutId = change.path("rollout").path("id").asLong();
            awaitRolloutCompleted(rolloutId);
            watch.stop();

            assertThat(watch.lowest()).as("running instances of roller at the lowest").isGreaterThanOrEqualTo(3);
            assertThat(watch.mostEvacuating()).as("evacuating at once").isEqualTo(1);
            assertThat(receptor.actualLrps("roller")).hasSize(3)
                .allSatisfy(lrp -> assertThat(lrp.cellId()).startsWith("pci-"))
                .noneMatch(ActualLrp::evacuating);
            JsonNode rollout = admin().get("/v1/rollouts/" + rolloutId).expect(200);
            assertThat(rollout.path("instance_counts").path("REPLACED").asInt()).isEqualTo(3);
            assertThat(rollout.path("instances").get(0).path("new_cell_id").asString()).startsWith("pci-");
        }
    }

    @Test
    void aRolloutResumesOnAnotherReplicaAfterTheFirstStops() {
        ReceptorClient receptor = receptor();
        heartbeatCells(receptor, "resume");
        admin().put("/v1/spaces/space-resume/placement_constraints/running", "{\"forbidden_tags\": [\"pci\"]}")
            .expect(200);
        try (CellAgents agents = CellAgents.start(receptor)) {
            receptor.desireLrp(inSpace(desiredLrp("resumer", "cf-apps", 2, List.of()), "space-resume"));
            awaitRunningOn(receptor, "resumer", 2, "plain-");
            runner.stop();

            long rolloutId = admin()
                .put("/v1/spaces/space-resume/placement_constraints/running?rollout=rolling", "{\"tags\": [\"pci\"]}")
                .expect(200)
                .path("rollout")
                .path("id")
                .asLong();
            try (ServiceUnderTest secondReplica = startSecondReplica()) {
                awaitRolloutCompleted(rolloutId);
            }
            assertThat(receptor.actualLrps("resumer")).allSatisfy(lrp -> assertThat(lrp.cellId()).startsWith("pci-"));
        }
        finally {
            runner.start();
        }
    }

    @Test
    void stagingConstraintsHaveNoInstancesToRollOut() {
        admin()
            .put("/v1/spaces/space-stage/placement_constraints/staging?rollout=rolling", "{\"tags\": [\"builders\"]}")
            .assertError(400, "InvalidRequest", "rollout");
        JsonNode change = admin()
            .put("/v1/spaces/space-stage/placement_constraints/staging", "{\"tags\": [\"builders\"]}")
            .expect(200);
        assertThat(change.path("violations")).isEmpty();
        assertThat(change.has("rollout")).isFalse();
    }

    private ServiceUnderTest startSecondReplica() {
        Map<String, String> settings = new HashMap<>();
        for (String name : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "corral.receptor.url")) {
            settings.put(name, environment.getProperty(name));
        }
        settings.put("corral.placement.rollout.interval", "200ms");
        return ServiceUnderTest.start(PlacementApplication.SERVICE, settings);
    }

    private void awaitRolloutCompleted(long rolloutId) {
        Eventually.await(LIMIT, "rollout " + rolloutId + " completed", () -> "COMPLETED"
            .equals(admin().get("/v1/rollouts/" + rolloutId).expect(200).path("state").asString()));
    }

    /**
     * Two plain cells and two with the optional tag pci, one of each per zone; names
     * carry {@code test}.
     */
    private static void heartbeatCells(ReceptorClient receptor, String test) {
        for (String zone : List.of("z1", "z2")) {
            heartbeat(receptor, "plain-" + test + "-" + zone, zone, List.of());
            heartbeat(receptor, "pci-" + test + "-" + zone, zone, List.of("pci"));
        }
    }

    private static void heartbeat(ReceptorClient receptor, String cellId, String zone, List<String> optionalTags) {
        receptor.heartbeat(cellId,
                new Cell(cellId, zone, "http://" + cellId + ":1800", new CellCapacity(16_384, 65_536, 250), List.of(),
                        optionalTags, List.of("preloaded:cflinuxfs4"), 120, null));
    }

    private static void awaitRunningOn(ReceptorClient receptor, String processGuid, int instances, String cellPrefix) {
        Eventually.await(LIMIT, instances + " instances of " + processGuid + " running", () -> {
            List<ActualLrp> actual = receptor.actualLrps(processGuid);
            return actual.size() == instances && actual.stream().allMatch(lrp -> lrp.state() == ActualLrpState.RUNNING);
        });
        assertThat(receptor.actualLrps(processGuid)).allSatisfy(lrp -> assertThat(lrp.cellId()).startsWith(cellPrefix));
    }

    private static DesiredLrp inSpace(DesiredLrp lrp, String spaceGuid) {
        return lrp.toBuilder().spaceGuid(spaceGuid).build();
    }

    /**
     * Watches a process the whole time: the fewest RUNNING instances and the most
     * evacuating ones ever seen.
     */
    private static final class MinimumRunning {

        private final ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor();

        private final AtomicInteger lowest = new AtomicInteger(Integer.MAX_VALUE);

        private final AtomicInteger mostEvacuating = new AtomicInteger();

        static MinimumRunning watch(ReceptorClient receptor, String processGuid) {
            MinimumRunning watch = new MinimumRunning();
            watch.poll.scheduleWithFixedDelay(() -> {
                List<ActualLrp> instances = receptor.actualLrps(processGuid);
                watch.lowest.accumulateAndGet(
                        (int) instances.stream().filter(lrp -> lrp.state() == ActualLrpState.RUNNING).count(),
                        Math::min);
                watch.mostEvacuating.accumulateAndGet((int) instances.stream().filter(ActualLrp::evacuating).count(),
                        Math::max);
            }, 0, 20, TimeUnit.MILLISECONDS);
            return watch;
        }

        void stop() {
            poll.shutdownNow();
        }

        int lowest() {
            return lowest.get();
        }

        int mostEvacuating() {
            return mostEvacuating.get();
        }

    }

}
