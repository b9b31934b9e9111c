package io.corral.cell.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.cell.CellAgentApplication;
import io.corral.cell.container.Containers;
import io.corral.placement.PlacementApplication;
import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.client.RawEvent;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorEventStream;
import io.corral.receptor.client.ReceptorEvents;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.ChildJvm;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TemporaryDirectories;
import io.corral.testsupport.TestTokens;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A cell agent shut down gracefully hands its instances over before it stops them: a real
 * receptor and placement service on PostgreSQL, agents of the {@code simulated} backend
 * in this JVM, and one of the {@code process} backend in a JVM of its own, stopped by
 * SIGTERM. Each test keeps its cells and work apart with a placement tag of its own.
 */
class EvacuationIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private static ServiceUnderTest receptorService;

    private static ServiceUnderTest placement;

    private static ReceptorClient receptor;

    private final ExecutorService background = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() {
        receptorService = ServiceUnderTest.start(ReceptorApplication.SERVICE,
                Map.of("corral.convergence.interval", "1h"));
        receptor = receptorService.client();
        placement = ServiceUnderTest.start(PlacementApplication.SERVICE, Map.of("corral.receptor.url",
                receptorService.uri().toString(), "corral.placement.auction.interval", "1s"));
    }

    @AfterAll
    static void stop() {
        for (ServiceUnderTest service : new ServiceUnderTest[] { placement, receptorService }) {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    void aCellShutDownGracefullyStopsEachInstanceOnlyOnceItsReplacementRunsElsewhere() throws Exception {
        ServiceUnderTest leaving = agent("cell-leaving", "z1", "handover", Map.of());
        receptor.desireLrp(lrp("handover-web", 3, "handover"));
        List<ActualLrp> before = awaitRunningOn("handover-web", 3, "cell-leaving");
        long lastEvent = receptor.work("cell-leaving").eventId();
        try (ServiceUnderTest taking = agent("cell-taking", "z2", "handover",
                Map.of("corral.cell.simulated.start-delay", "1s", "corral.cell.evacuation-timeout", "0s"));
                ReceptorEventStream events = ReceptorEventStream.resume(receptorService.uri(),
                        TestTokens::receptorAdmin, lastEvent)) {
            awaitPresent("cell-taking");
            StoppedWhileRoutable watch = StoppedWhileRoutable.watch(before, leaving.bean(Containers.class)::held);

            background.submit(leaving::close).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            watch.stop();

            assertThat(watch.violations()).as("instances stopped while the receptor still routed to them").isEmpty();
            assertThat(receptor.actualLrps("handover-web")).hasSize(3).allSatisfy(lrp -> {
                assertThat(lrp.state()).isEqualTo(ActualLrpState.RUNNING);
                assertThat(lrp.cellId()).isEqualTo("cell-taking");
                assertThat(lrp.evacuating()).isFalse();
            });
            assertThat(fewestRunning(events, "handover-web", before)).as("routable instances at the fewest")
                .isEqualTo(3);
        }
    }

    @Test
    void withNoCellToTakeItsInstancesACellStopsThemWhenTheEvacuationTimeoutPasses() throws Exception {
        ServiceUnderTest stranded = agent("cell-stranded", "z1", "stranded",
                Map.of("corral.cell.evacuation-timeout", "5s"));
        receptor.desireLrp(lrp("stranded-web", 2, "stranded"));
        List<ActualLrp> before = awaitRunningOn("stranded-web", 2, "cell-stranded");
        ScheduledExecutorService otherCell = Executors.newSingleThreadScheduledExecutor();
        otherCell.scheduleWithFixedDelay(
                () -> receptor.heartbeat("cell-unfit", ApiFixtures.cell("cell-unfit", "z2", List.of("other-work"), 3)),
                0, 1, TimeUnit.SECONDS);
        try {
            awaitPresent("cell-unfit");
            Containers containers = stranded.bean(Containers.class);
            StoppedWhileRoutable watch = StoppedWhileRoutable.watch(before, containers::held);

            Future<?> closing = background.submit(stranded::close);
            Eventually.await(WAIT, "both instances evacuating",
                    () -> receptor.actualLrps("stranded-web").stream().filter(ActualLrp::evacuating).count() == 2);
            closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            watch.stop();

            assertThat(watch.violations()).as("instances stopped while the receptor still routed to them").isEmpty();
            assertThat(receptor.actualLrps("stranded-web")).as("the evacuees removed, their replacements unplaced")
                .hasSize(2)
                .allSatisfy(lrp -> {
                    assertThat(lrp.evacuating()).isFalse();
                    assertThat(lrp.state()).isEqualTo(ActualLrpState.UNCLAIMED);
                    assertThat(lrp.cellId()).isNull();
                });
            assertThat(containers.held()).isEmpty();
        }
        finally {
            otherCell.shutdownNow();
        }
    }

    @Test
    void aCellWithNoOtherCellStopsAtOnceWithoutEvacuating() throws Exception {
        Eventually.await(WAIT, "no other cell present", () -> receptor.cells().isEmpty());
        ServiceUnderTest alone = agent("cell-alone", "z1", "alone", Map.of());
        receptor.desireLrp(lrp("alone-web", 1, "alone"));
        ActualLrp running = awaitRunningOn("alone-web", 1, "cell-alone").get(0);
        Containers containers = alone.bean(Containers.class);

        background.submit(alone::close).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(containers.held()).isEmpty();
        assertThat(receptor.actualLrps("alone-web")).as("not evacuated: the receptor learns of it as the cell expires")
            .containsExactly(running);
    }

    /**
     * The real thing: an agent of the process backend runs an app in a JVM of its own and
     * gets SIGTERM. Its replacement takes longer to start than Spring's shutdown phase
     * may last, so a shutdown that gave up waiting at that limit would stop the app (or
     * end the agent) too early.
     */
    @Test
    void sigtermMakesAnAgentOfTheProcessBackendHandItsAppOverBeforeItExits(@TempDir Path directory) throws Exception {
        ChildJvm child = childAgent(directory, "cell-child", "sigterm");
        try {
            Eventually.await(WAIT, "the child's cell present", () -> !child.isAlive() || present("cell-child"));
            assertThat(child.isAlive()).as("the child agent runs").isTrue();
            receptor.desireLrp(httpApp("sigterm-web", "sigterm"));
            ActualLrp old = awaitRunningOn("sigterm-web", 1, "cell-child").get(0);
            int port = old.ports().get(0).hostPort();
            assertThat(listening(port)).isTrue();

            try (ServiceUnderTest taking = agent("cell-sigterm-taking", "z2", "sigterm",
                    Map.of("corral.cell.simulated.start-delay", "3s", "corral.cell.evacuation-timeout", "0s"))) {
                awaitPresent("cell-sigterm-taking");
                StoppedWhileRoutable watch = StoppedWhileRoutable.watch(List.of(old),
                        () -> child.isAlive() && listening(port) ? Set.of(old.instanceGuid()) : Set.of());

                child.terminate();
                assertThat(child.exitsWithin(WAIT)).as("exited").isTrue();
                watch.stop();

                assertThat(watch.violations()).as("the app stopped while the receptor still routed to it").isEmpty();
                assertThat(receptor.actualLrps("sigterm-web")).singleElement().satisfies(lrp -> {
                    assertThat(lrp.state()).isEqualTo(ActualLrpState.RUNNING);
                    assertThat(lrp.cellId()).isEqualTo("cell-sigterm-taking");
                });
                assertThat(listening(port)).as("the old app stopped with the agent").isFalse();
                assertThat(child.output()).contains("cell cell-child is evacuated");
            }
        }
        finally {
            if (child.isAlive()) {
                child.kill();
            }
        }
    }

    /**
     * An agent of the simulated backend in this JVM, of cell {@code cellId} isolated by
     * {@code tag}, heartbeating every second for 3 s.
     */
    private static ServiceUnderTest agent(String cellId, String zone, String tag, Map<String, String> extra)
            throws IOException {
        Map<String, String> settings = new HashMap<>(
                agentSettings(cellId, zone, tag, TemporaryDirectories.create(cellId)));
        settings.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1/unused");
        settings.put("corral.cell.backend", "simulated");
        settings.put("corral.cell.simulated.start-delay", "50ms");
        settings.putAll(extra);
        ServiceUnderTest agent = ServiceUnderTest.start(CellAgentApplication.SERVICE, settings);
        awaitPresent(cellId);
        return agent;
    }

    /** {@code CellAgentApplication} of the process backend in a JVM of its own. */
    private static ChildJvm childAgent(Path directory, String cellId, String tag) {
        Map<String, String> settings = new HashMap<>(TestTokens.properties());
        settings.putAll(agentSettings(cellId, "z1", tag, directory.resolve("work")));
        settings.put("server.port", "0");
        settings.put("corral.cell.process.startup-check-interval", "100ms");
        settings.put("corral.cell.process.stop-grace-period", "2s");
        settings.put("spring.lifecycle.timeout-per-shutdown-phase", "1s");
        settings.put("logging.level.root", "WARN");
        settings.put("logging.level.io.corral", "INFO");
        String[] args = settings.entrySet()
            .stream()
            .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
            .toArray(String[]::new);
        return ChildJvm.start(directory, Map.of(), CellAgentApplication.class, args);
    }

    private static Map<String, String> agentSettings(String cellId, String zone, String tag, Path workDirectory) {
        return Map.of("corral.receptor.url", receptorService.uri().toString(), "corral.cell.id", cellId,
                "corral.cell.zone", zone, "corral.cell.placement-tags[0]", tag, "corral.cell.reconcile-interval", "1s",
                "corral.cell.heartbeat-ttl", "3s", "corral.cell.work-directory", workDirectory.toString());
    }

    private static DesiredLrp lrp(String processGuid, int instances, String tag) {
        return ApiFixtures.desiredLrp(processGuid, "cf-apps", instances, List.of(tag));
    }

    /** An app serving HTTP on its port, as the process backend runs it. */
    private static DesiredLrp httpApp(String processGuid, String tag) {
        JsonNode action = ReceptorJson.mapper()
            .readTree("{\"run\": {\"path\": \"/bin/sh\", \"args\": [\"-c\", "
                    + "\"exec python3 -m http.server \\\"$PORT\\\" --bind 127.0.0.1\"]}}");
        return ApiFixtures.desiredLrpBuilder(processGuid)
            .action(action)
            .ports(List.of(8080))
            .memoryMb(64)
            .diskMb(64)
            .placementTags(List.of(tag))
            .build();
    }

    private static List<ActualLrp> awaitRunningOn(String processGuid, int instances, String cellId) {
        Eventually.await(WAIT, instances + " instances of " + processGuid + " running on " + cellId, () -> {
            List<ActualLrp> actual = receptor.actualLrps(processGuid);
            return actual.size() == instances && actual.stream()
                .allMatch(lrp -> lrp.state() == ActualLrpState.RUNNING && cellId.equals(lrp.cellId()));
        });
        return receptor.actualLrps(processGuid);
    }

    private static void awaitPresent(String cellId) {
        Eventually.await(WAIT, cellId + " present", () -> present(cellId));
    }

    private static boolean present(String cellId) {
        return receptor.cells().stream().map(Cell::cellId).anyMatch(cellId::equals);
    }

    /**
     * Whether something accepts connections on the port (a refusal says nothing does).
     */
    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            return true;
        }
        catch (ConnectException refused) {
            return false;
        }
        catch (IOException slow) {
            // Not answering in time under load is not the same as not listening.
            return true;
        }
    }

    /**
     * Replays the receptor's events from where {@code before} stood until the process's
     * instances are as they are now, and answers the fewest RUNNING ones (routable,
     * evacuating or not) after any event.
     */
    private static int fewestRunning(ReceptorEventStream events, String processGuid, List<ActualLrp> before)
            throws InterruptedException {
        Map<String, ActualLrp> instances = new HashMap<>();
        before.forEach(lrp -> instances.put(lrp.instanceGuid(), lrp));
        Set<String> now = receptor.actualLrps(processGuid)
            .stream()
            .map(ActualLrp::instanceGuid)
            .collect(Collectors.toSet());
        int fewest = running(instances);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!instances.keySet().equals(now) || running(instances) != now.size()) {
            assertThat(System.nanoTime() - deadline).as("events up to the state now").isNegative();
            RawEvent raw = events.poll(Duration.ofSeconds(1));
            if (raw == null) {
                continue;
            }
            ReceptorEvents.decode(raw).ifPresent(event -> apply(event, processGuid, instances));
            fewest = Math.min(fewest, running(instances));
        }
        return fewest;
    }

    private static void apply(ReceptorEvent event, String processGuid, Map<String, ActualLrp> instances) {
        if (event instanceof ReceptorEvent.ActualLrpCreated created
                && created.actualLrp().processGuid().equals(processGuid)) {
            instances.put(created.actualLrp().instanceGuid(), created.actualLrp());
        }
        else if (event instanceof ReceptorEvent.ActualLrpChanged changed
                && changed.after().processGuid().equals(processGuid)) {
            instances.remove(changed.before().instanceGuid());
            instances.put(changed.after().instanceGuid(), changed.after());
        }
        else if (event instanceof ReceptorEvent.ActualLrpRemoved removed
                && removed.actualLrp().processGuid().equals(processGuid)) {
            instances.remove(removed.actualLrp().instanceGuid());
        }
    }

    private static int running(Map<String, ActualLrp> instances) {
        return (int) instances.values().stream().filter(lrp -> lrp.state() == ActualLrpState.RUNNING).count();
    }

    /**
     * Watches instances of a cell the whole time for the one thing evacuation must never
     * do: an instance no longer running on its cell while the receptor still holds it
     * RUNNING there (routers still send it requests). What runs is read first and the
     * receptor after, so a RUNNING answer means the instance was RUNNING when it was
     * found gone (an instance never returns to RUNNING).
     */
    private static final class StoppedWhileRoutable {

        private final ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor();

        private final List<String> violations = new CopyOnWriteArrayList<>();

        static StoppedWhileRoutable watch(List<ActualLrp> instances, Supplier<Set<String>> running) {
            StoppedWhileRoutable watch = new StoppedWhileRoutable();
            watch.poll.scheduleWithFixedDelay(() -> watch.check(instances, running), 0, 20, TimeUnit.MILLISECONDS);
            return watch;
        }

        private void check(List<ActualLrp> instances, Supplier<Set<String>> running) {
            try {
                Set<String> stillRunning = running.get();
                Map<String, ActualLrp> listed = receptor.actualLrps(instances.get(0).processGuid())
                    .stream()
                    .collect(Collectors.toMap(ActualLrp::instanceGuid, lrp -> lrp));
                for (ActualLrp instance : instances) {
                    ActualLrp now = listed.get(instance.instanceGuid());
                    if (!stillRunning.contains(instance.instanceGuid()) && now != null
                            && now.state() == ActualLrpState.RUNNING) {
                        violations.add(now.toString());
                    }
                }
            }
            catch (RuntimeException receptorBusy) {
                // A scheduled task that throws is never run again; the next round looks
                // anew.
            }
        }

        void stop() {
            poll.shutdownNow();
        }

        List<String> violations() {
            return violations;
        }

    }

}
