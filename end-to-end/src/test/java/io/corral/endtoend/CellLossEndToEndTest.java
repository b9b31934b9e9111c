package io.corral.endtoend;

import static io.corral.endtoend.Platform.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.endtoend.RouterTable.Endpoint;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Cell;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.SseLines;
import io.corral.testsupport.TestTokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Cells lost under a running app ({@link Platform}): an agent stopped by SIGTERM moves
 * its instances away first (evacuation), an agent killed outright has its instances
 * replaced once its heartbeat lapses, serving (suspect) until then; either way routers
 * never have fewer endpoints than the app has instances, and the app answers on the other
 * cells. Each test desires an app of its own and loses the cell of its instance 0; the
 * other tests need at least two cells left.
 */
class CellLossEndToEndTest {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path directory;

    private static Platform platform;

    private static ReceptorClient receptor;

    @BeforeAll
    static void boot() {
        platform = Platform.start(directory, Map.of("corral.cell.heartbeat-ttl", "8s"));
        receptor = platform.receptor();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void anAgentStoppedBySigtermMovesItsInstancesAwayWhileEveryInstanceStaysRoutable() {
        receptor.desireLrp(platform.webApp("evacuated", 3).build());
        String hostname = platform.hostname("evacuated");
        List<ActualLrp> before = awaitRouted("evacuated", hostname, null);
        String leaving = before.get(0).cellId();
        CellAgentJvm agent = platform.agent(leaving);
        int heardBefore = platform.router().heard().size();

        agent.terminate();

        assertThat(agent.exitsWithin(WAIT)).as("the agent exits once its instances moved").isTrue();
        awaitRouted("evacuated", hostname, leaving);
        assertThat(RouterTable.fewestSince(platform.router().heard(), heardBefore, hostname))
            .as("the fewest endpoints routers had for the app")
            .isGreaterThanOrEqualTo(3);
        before.stream()
            .filter(instance -> instance.cellId().equals(leaving))
            .forEach(moved -> Eventually.await(WAIT, "the moved instance's process ended",
                    () -> Platform.processServing(Platform.hostPort(moved, 8080)).isEmpty()));
        receptor.removeDesiredLrp("evacuated");
    }

    @Test
    void aKilledAgentsInstancesStayRoutableWhileSuspectAndAreReplacedOnceItsHeartbeatLapses() {
        receptor.desireLrp(platform.webApp("survivor", 3).build());
        String hostname = platform.hostname("survivor");
        List<ActualLrp> before = awaitRouted("survivor", hostname, null);
        ActualLrp doomed = before.get(0);
        CellAgentJvm agent = platform.agent(doomed.cellId());
        int heardBefore = platform.router().heard().size();

        try (SseLines events = new SseLines(platform.receptorUri(), "/v1/events",
                TestTokens.withScopes("receptor.read"))) {
            agent.kill();
            try {
                assertThat(agent.exitsWithin(WAIT)).isTrue();
                // Without its agent the process serves on.
                assertThat(Platform.get(Platform.endpoint(doomed))).isEqualTo("hello from " + doomed.index() + "\n");
                awaitRouted("survivor", hostname, doomed.cellId());
                assertThat(receptor.cells()).extracting(Cell::cellId).doesNotContain(doomed.cellId());
                assertThat(RouterTable.fewestSince(platform.router().heard(), heardBefore, hostname))
                    .as("the fewest endpoints routers had for the app")
                    .isGreaterThanOrEqualTo(3);
                Eventually.untilPasses(WAIT, () -> {
                    assertThat(instanceEvents(events, "actual_lrp_changed", "actual_lrp_after", doomed))
                        .as("the instance of the lost cell became suspect")
                        .anyMatch(after -> after.path("presence").asString().equals("SUSPECT")
                                && after.path("state").asString().equals("RUNNING"));
                    assertThat(instanceEvents(events, "actual_lrp_removed", "actual_lrp", doomed))
                        .as("the suspect went once its replacement ran")
                        .anyMatch(removed -> removed.path("presence").asString().equals("SUSPECT"));
                });
            }
            finally {
                agent.killLeftProcesses();
            }
        }
        receptor.removeDesiredLrp("survivor");
    }

    /**
     * The instance {@code instance} (by guid) as each {@code event} of the stream so far
     * carries it under {@code field}.
     */
    private static List<JsonNode> instanceEvents(SseLines events, String event, String field, ActualLrp instance) {
        List<String> lines = events.lines();
        List<JsonNode> found = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).equals("event:" + event) && lines.get(i + 1).startsWith("data:")) {
                JsonNode carried = ReceptorJson.mapper().readTree(lines.get(i + 1).substring(5)).path(field);
                if (carried.path("instance_guid").asString().equals(instance.instanceGuid())) {
                    found.add(carried);
                }
            }
        }
        return found;
    }

    /**
     * Waits until {@code processGuid}'s three instances run, none on {@code lostCell} (if
     * not null), and routers have exactly their endpoints; returns them by index.
     */
    private static List<ActualLrp> awaitRouted(String processGuid, String hostname, String lostCell) {
        Eventually.untilPasses(WAIT, () -> {
            List<ActualLrp> running = platform.awaitRunning(processGuid, 3);
            assertThat(running).noneMatch(instance -> instance.cellId().equals(lostCell));
            Set<String> endpoints = running.stream().map(Platform::endpoint).collect(Collectors.toSet());
            assertThat(platform.routerTable(hostname).endpoints()).extracting(Endpoint::address)
                .containsExactlyInAnyOrderElementsOf(endpoints);
            assertThat(platform.routeTable(hostname)).isEqualTo(endpoints);
            running.forEach(instance -> assertThat(Platform.get(Platform.endpoint(instance)))
                .isEqualTo("hello from " + instance.index() + "\n"));
        });
        return platform.awaitRunning(processGuid, 3);
    }

}
