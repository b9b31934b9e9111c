package io.corral.placement.auctioneer;

import static io.corral.testsupport.ApiFixtures.cell;
import static io.corral.testsupport.ApiFixtures.desiredLrp;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.CellAgents;
import io.corral.placement.PlacementIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

// Batches of three: an auction of four or more instances writes several, at once.
@TestPropertySource(properties = "corral.placement.auction.write-batch-size=3")
class AuctionIntegrationTest extends PlacementIntegrationTest {

    private static final Duration PLACED_WITHIN = Duration.ofSeconds(20);

    @Test
    void desiredInstancesArePlacedOnlyOnCellsWithEveryTagSpreadOverTheirZones() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("both-z1", cell("both-z1", "z1", List.of("alpha", "beta")));
        receptor.heartbeat("both-z2", cell("both-z2", "z2", List.of("alpha", "beta")));
        receptor.heartbeat("alpha-z1", cell("alpha-z1", "z1", List.of("alpha")));
        receptor.heartbeat("beta-z2", cell("beta-z2", "z2", List.of("beta")));
        receptor.heartbeat("plain-z3", cell("plain-z3", "z3", List.of()));

        receptor.desireLrp(desiredLrp("tagged", "cf-apps", 4, List.of("alpha", "beta")));
        receptor.desireLrp(desiredLrp("impossible", "cf-apps", 1, List.of("alpha", "beta", "gamma")));

        List<ActualLrp> placed = awaitAllPlaced(receptor, "tagged", 4);
        assertThat(placed).extracting(ActualLrp::cellId).containsOnly("both-z1", "both-z2");
        assertThat(countBy(placed, ActualLrp::cellId)).containsOnly(Map.entry("both-z1", 2L), Map.entry("both-z2", 2L));
        Eventually.await(PLACED_WITHIN, "the impossible instance says why",
                () -> "found no compatible cell".equals(receptor.actualLrp("impossible", 0).placementError()));
        assertThat(receptor.actualLrp("impossible", 0).cellId()).isNull();
        Eventually.untilPasses(PLACED_WITHIN,
                () -> assertThat(admin().get("/actuator/prometheus").body()).contains(
                        "corral_placement_unplaced{application=\"placement\",reason=\"found no compatible cell\"} 1.0")
                    .containsPattern("corral_placement_placed_total\\{application=\"placement\"} [1-9]"));
    }

    @Test
    void instancesOfAVanishedCellArePlacedOnTheCellsLeft() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("stays-a", cell("stays-a", "z1", List.of("vanish-test")));
        receptor.heartbeat("stays-b", cell("stays-b", "z2", List.of("vanish-test")));
        ScheduledExecutorService vanishingCell = Executors.newSingleThreadScheduledExecutor();
        vanishingCell.scheduleWithFixedDelay(
                () -> receptor.heartbeat("vanishes", cell("vanishes", "z3", List.of("vanish-test"), 1)), 0, 200,
                TimeUnit.MILLISECONDS);
        try {
            Eventually.await(PLACED_WITHIN, "the cell announced",
                    () -> receptor.cells().stream().anyMatch(c -> c.cellId().equals("vanishes")));
            receptor.desireLrp(desiredLrp("survivor", "cf-apps", 6, List.of("vanish-test")));
            assertThat(awaitAllPlaced(receptor, "survivor", 6)).extracting(ActualLrp::cellId).contains("vanishes");
        }
        finally {
            vanishingCell.shutdownNow();
        }

        Eventually.untilPasses(Duration.ofSeconds(10), () -> {
            converge();
            assertThat(receptor.actualLrps("survivor")).extracting(ActualLrp::cellId).doesNotContain("vanishes");
        });

        List<ActualLrp> replaced = awaitAllPlaced(receptor, "survivor", 6);
        assertThat(replaced).extracting(ActualLrp::cellId).containsOnly("stays-a", "stays-b");
        assertThat(countBy(replaced, ActualLrp::cellId)).containsOnly(Map.entry("stays-a", 3L),
                Map.entry("stays-b", 3L));
    }

    @Test
    void runningInstancesOfAVanishedCellAreReplacedOnTheCellsLeftWithoutEverRunningFewer() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("keeps-a", cell("keeps-a", "z1", List.of("loss-test")));
        receptor.heartbeat("keeps-b", cell("keeps-b", "z2", List.of("loss-test")));
        ScheduledExecutorService vanishingCell = Executors.newSingleThreadScheduledExecutor();
        vanishingCell.scheduleWithFixedDelay(
                () -> receptor.heartbeat("goes", cell("goes", "z3", List.of("loss-test"), 1)), 0, 200,
                TimeUnit.MILLISECONDS);
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger fewestRunning = new AtomicInteger(Integer.MAX_VALUE);
        try (CellAgents agents = CellAgents.start(receptor)) {
            Eventually.await(PLACED_WITHIN, "the cell announced",
                    () -> receptor.cells().stream().anyMatch(c -> c.cellId().equals("goes")));
            receptor.desireLrp(desiredLrp("enduring", "cf-apps", 6, List.of("loss-test")));
            Eventually.await(PLACED_WITHIN, "6 instances running, some on the cell that goes", () -> {
                List<ActualLrp> actual = receptor.actualLrps("enduring");
                return actual.size() == 6 && actual.stream().allMatch(lrp -> lrp.state() == ActualLrpState.RUNNING)
                        && actual.stream().anyMatch(lrp -> lrp.cellId().equals("goes"));
            });
            watch.scheduleWithFixedDelay(() -> fewestRunning.accumulateAndGet((int) receptor.actualLrps("enduring")
                .stream()
                .filter(lrp -> lrp.state() == ActualLrpState.RUNNING)
                .count(), Math::min), 0, 20, TimeUnit.MILLISECONDS);
            vanishingCell.shutdownNow();

            Eventually.untilPasses(Duration.ofSeconds(10), () -> {
                converge();
                assertThat(receptor.actualLrps("enduring")).extracting(ActualLrp::presence)
                    .contains(ActualLrpPresence.SUSPECT);
            });
            Eventually.await(PLACED_WITHIN, "every suspect replaced on the cells left", () -> {
                List<ActualLrp> actual = receptor.actualLrps("enduring");
                return actual.size() == 6 && actual.stream()
                    .allMatch(lrp -> lrp.state() == ActualLrpState.RUNNING && !lrp.cellId().equals("goes"));
            });
        }
        finally {
            vanishingCell.shutdownNow();
            watch.shutdownNow();
        }
        assertThat(fewestRunning.get()).as("running instances of enduring at the fewest").isEqualTo(6);
        assertThat(receptor.actualLrps("enduring")).extracting(ActualLrp::presence)
            .containsOnly(ActualLrpPresence.ORDINARY);
    }

    @Test
    void theInstancesOfAnEvacuatingCellArePlacedOnTheOthersAndExplainSaysWhyNotThere() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("leaving", cell("leaving", "z1", List.of("evacuation-test")));
        receptor.heartbeat("staying", cell("staying", "z2", List.of("evacuation-test")));
        try (CellAgents agents = CellAgents.start(receptor)) {
            receptor.desireLrp(desiredLrp("moving", "cf-apps", 2, List.of("evacuation-test")));
            Eventually.await(PLACED_WITHIN, "one instance running on each cell",
                    () -> receptor.actualLrps("moving")
                        .stream()
                        .filter(lrp -> lrp.state() == ActualLrpState.RUNNING)
                        .map(ActualLrp::cellId)
                        .collect(Collectors.toSet())
                        .equals(Set.of("leaving", "staying")));

            receptor.evacuateCell("leaving");

            Eventually.await(PLACED_WITHIN, "both instances running on the cell that stays", () -> {
                List<ActualLrp> instances = receptor.actualLrps("moving");
                return instances.size() == 2 && instances.stream()
                    .allMatch(lrp -> lrp.state() == ActualLrpState.RUNNING && lrp.cellId().equals("staying"));
            });
        }
        JsonNode explanation = admin().get("/v1/placement/explain?process_guid=moving&index=0").expect(200);
        assertThat(explanation.path("chosen_cell_id").asString()).isEqualTo("staying");
        assertThat(explanation.path("cells"))
            .filteredOn(verdict -> verdict.path("cell_id").asString().equals("leaving"))
            .singleElement()
            .satisfies(leaving -> assertThat(leaving.path("rejections")).extracting(JsonNode::asString)
                .containsExactly("is evacuating: it takes no new work"));
    }

    private static List<ActualLrp> awaitAllPlaced(ReceptorClient receptor, String processGuid, int instances) {
        Eventually.await(PLACED_WITHIN, instances + " instances of " + processGuid + " placed", () -> {
            List<ActualLrp> actual = receptor.actualLrps(processGuid);
            return actual.size() == instances && actual.stream().allMatch(lrp -> lrp.cellId() != null);
        });
        return receptor.actualLrps(processGuid);
    }

    private static <K> Map<K, Long> countBy(List<ActualLrp> lrps, Function<ActualLrp, K> key) {
        return lrps.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

}
