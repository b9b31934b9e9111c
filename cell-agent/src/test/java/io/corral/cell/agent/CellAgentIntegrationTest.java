package io.corral.cell.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.cell.CellAgentApplication;
import io.corral.cell.container.ContainerListener;
import io.corral.cell.container.ContainerSpec;
import io.corral.cell.container.Containers;
import io.corral.cell.container.TaskOutcome;
import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.DesiredLrpUpdate;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskState;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TemporaryDirectories;
import io.corral.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A real receptor on PostgreSQL and a cell agent of the {@code process} backend pointed
 * at it. Instances are placed on the cell by hand (no placement service), and run as real
 * processes.
 */
class CellAgentIntegrationTest {

    private static final String CELL = "cell-it";

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ServiceUnderTest receptorService;

    private static ServiceUnderTest agent;

    private static ReceptorClient receptor;

    private static Path workDirectory;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        receptorService = ServiceUnderTest.start(ReceptorApplication.SERVICE,
                Map.of("corral.convergence.interval", "1h"));
        receptor = receptorService.client();
        workDirectory = TemporaryDirectories.create("cell-agent-it");
        agent = ServiceUnderTest.start(CellAgentApplication.SERVICE,
                Map.ofEntries(Map.entry("spring.datasource.url", "jdbc:postgresql://127.0.0.1/unused"),
                        Map.entry("corral.receptor.url", receptorService.uri().toString()),
                        Map.entry("corral.cell.id", CELL), Map.entry("corral.cell.zone", "z1"),
                        Map.entry("corral.cell.optional-placement-tags[0]", "gpu"),
                        Map.entry("corral.cell.capacity.containers", "40"),
                        Map.entry("corral.cell.work-directory", workDirectory.toString()),
                        Map.entry("corral.cell.reconcile-interval", "1s"),
                        Map.entry("corral.cell.process.startup-check-interval", "100ms"),
                        Map.entry("corral.cell.process.monitor-interval", "500ms"),
                        Map.entry("corral.cell.process.stop-grace-period", "2s")));
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        if (receptorService != null) {
            receptorService.close();
        }
    }

    @Test
    void theCellHeartbeatsWithItsSettingsAndTheHostsMeasures() {
        Eventually.untilPasses(WAIT, () -> {
            Cell cell = receptor.cells()
                .stream()
                .filter(c -> c.cellId().equals(CELL))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no heartbeat yet"));
            assertThat(cell.zone()).isEqualTo("z1");
            assertThat(cell.optionalPlacementTags()).containsExactly("gpu");
            assertThat(cell.rootfsProviders()).containsExactly("preloaded:cflinuxfs4");
            assertThat(cell.capacity().containers()).isEqualTo(40);
            assertThat(cell.capacity().memoryMb()).isPositive();
            assertThat(cell.capacity().diskMb()).isPositive();
        });
    }

    @Test
    void anAppThatServesHttpRunsWithTheEnvironmentCloudFoundrySets() throws Exception {
        ActualLrp running = runApp("web-env", 1, 0, 60, HTTP_APP);

        int hostPort = running.ports().get(0).hostPort();
        assertThat(running.address()).isEqualTo("127.0.0.1");
        assertThat(running.ports()).extracting(PortMapping::containerPort).containsExactly(8080);
        List<String> env = get(hostPort, "/env.txt").lines().toList();
        assertThat(env).containsExactly("0", running.instanceGuid(), "127.0.0.1", Integer.toString(hostPort),
                "127.0.0.1:" + hostPort, "[{\"external\":" + hostPort + ",\"internal\":8080}]", "from the LRP");
    }

    @Test
    void anInstancesOutputIsReadBackWithCellsRead() throws Exception {
        ActualLrp running = runApp("web-logs", 1, 0, 60, HTTP_APP);
        get(running.ports().get(0).hostPort(), "/env.txt");
        RawHttp agentHttp = new RawHttp(agent.uri());
        String path = "/v1/containers/" + running.instanceGuid() + "/logs?stream=stderr";

        Eventually.untilPasses(WAIT,
                () -> assertThat(agentHttp.send("GET", path, TestTokens.withScopes("cells.read"), null).body())
                    .contains("GET /env.txt"));
        agentHttp.send("GET", path, null, null).assertError(401, "Unauthorized");
        agentHttp.send("GET", path, TestTokens.withScopes("receptor.read"), null).assertError(403, "Forbidden");
        agentHttp.send("GET", "/v1/containers/no-such-instance/logs", TestTokens.withScopes("cells.read"), null)
            .assertError(404, "ContainerNotFound");
        agentHttp.send("GET", path.replace("stderr", "stdin"), TestTokens.withScopes("cells.read"), null)
            .assertError(400, "InvalidRequest", "stream");
    }

    @Test
    void aKilledProcessIsReportedAsACrashWithItsExitStatus() throws Exception {
        ActualLrp running = runApp("web-killed", 1, 0, 60, HTTP_APP);
        ProcessHandle app = appProcess(running.ports().get(0).hostPort());

        app.destroyForcibly();

        Eventually.untilPasses(WAIT, () -> {
            ActualLrp after = receptor.actualLrp("web-killed", 0);
            assertThat(after.crashCount()).isEqualTo(1);
            assertThat(after.crashReason()).isEqualTo("APP/PROC/WEB: Exited with status 137");
        });
    }

    @Test
    void anAppThatNeverOpensItsPortCrashesAfterItsStartTimeout() {
        desire("never-listens", 1, 2, "sleep 601");
        place("never-listens", 0);

        Eventually.untilPasses(WAIT, () -> {
            ActualLrp after = receptor.actualLrp("never-listens", 0);
            assertThat(after.crashCount()).isEqualTo(1);
            assertThat(after.crashReason()).startsWith("Instance never healthy after 2s: failed to connect to port");
        });
        Eventually.await(WAIT, "the instance's process is gone", () -> ProcessHandle.allProcesses()
            .noneMatch(process -> process.info().commandLine().orElse("").contains("sleep 601")));
    }

    @Test
    void desiringFewerInstancesStopsTheExtraOnesWithTheirProcessGroup() throws Exception {
        runApp("web-scale", 2, 0, 60, HTTP_APP);
        ActualLrp second = runApp("web-scale", 2, 1, 60, null);
        ProcessHandle extra = appProcess(second.ports().get(0).hostPort());

        receptor.updateDesiredLrp("web-scale", new DesiredLrpUpdate(1, null, null, null, null));

        Eventually.await(WAIT, "the extra instance's process ended", () -> !extra.isAlive());
        Eventually.await(WAIT, "the cell let go of the extra instance",
                () -> !agent.bean(Containers.class).held().contains(second.instanceGuid()));
        assertThat(groupAlive(extra.pid())).isFalse();
        assertThat(receptor.actualLrp("web-scale", 0).state()).isEqualTo(ActualLrpState.RUNNING);
    }

    @Test
    void aTasksResultFileReachesItsCompletion() {
        JsonNode action = ReceptorJson.mapper()
            .readTree("{\"run\": {\"path\": \"/bin/sh\", \"args\": [\"-c\", \"printf 42 > $TMPDIR/result\"],"
                    + " \"user\": \"vcap\"}}");
        receptor.desireTask(ApiFixtures.task("migrate-it", action, null, null));
        receptor.assignTask("migrate-it", new Assignment(null, CELL, null));

        Eventually.untilPasses(WAIT, () -> {
            Task task = receptor.task("migrate-it");
            assertThat(task.state()).isEqualTo(TaskState.COMPLETED);
            assertThat(task.failed()).isFalse();
            assertThat(task.result()).isEqualTo("42");
        });
    }

    @Test
    void aFailingTaskCompletesFailedWithItsExitStatus() {
        JsonNode action = ReceptorJson.mapper()
            .readTree("{\"run\": {\"path\": \"/bin/sh\", \"args\": [\"-c\", \"exit 7\"]}}");
        receptor.desireTask(ApiFixtures.task("fails-it", action, null, null));
        receptor.assignTask("fails-it", new Assignment(null, CELL, null));

        Eventually.untilPasses(WAIT, () -> {
            Task task = receptor.task("fails-it");
            assertThat(task.state()).isEqualTo(TaskState.COMPLETED);
            assertThat(task.failed()).isTrue();
            assertThat(task.failureReason()).isEqualTo("Exited with status 7");
        });
    }

    /**
     * A container the work no longer names, as when the stop of a removed instance was
     * lost, goes at the next reconciliation.
     */
    @Test
    void reconciliationStopsAContainerWhoseStopWasLost() {
        Containers containers = agent.bean(Containers.class);
        ContainerSpec orphan = new ContainerSpec("orphan-1", ContainerSpec.Kind.INSTANCE, "gone", 0, null,
                ReceptorJson.mapper().readTree("{\"run\": {\"path\": \"/bin/sleep\", \"args\": [\"600\"]}}"), null,
                List.of(), List.of(8080), Duration.ofSeconds(600), null, null, null);

        containers.start(orphan, new Silent());

        Eventually.await(WAIT, "the orphan was stopped", () -> !containers.held().contains("orphan-1"));
    }

    private static final String HTTP_APP = "printf '%s\\n' \"$INSTANCE_INDEX\" \"$INSTANCE_GUID\" \"$CF_INSTANCE_IP\""
            + " \"$CF_INSTANCE_PORT\" \"$CF_INSTANCE_ADDR\" \"$CF_INSTANCE_PORTS\" \"$GREETING\" > env.txt;"
            + " exec python3 -m http.server \"$PORT\" --bind 127.0.0.1";

    /**
     * Desires the app (unless {@code script} is null: it exists), places the index, waits
     * for RUNNING.
     */
    private static ActualLrp runApp(String processGuid, int instances, int index, int startTimeout, String script) {
        if (script != null) {
            desire(processGuid, instances, startTimeout, script);
        }
        place(processGuid, index);
        Eventually.await(WAIT, processGuid + "/" + index + " RUNNING",
                () -> receptor.actualLrp(processGuid, index).state() == ActualLrpState.RUNNING);
        return receptor.actualLrp(processGuid, index);
    }

    private static void desire(String processGuid, int instances, int startTimeout, String script) {
        JsonNode action = ReceptorJson.mapper()
            .createObjectNode()
            .set("run",
                    ReceptorJson.mapper()
                        .createObjectNode()
                        .put("path", "/bin/sh")
                        .put("user", "vcap")
                        .set("args", ReceptorJson.mapper().createArrayNode().add("-c").add(script)));
        DesiredLrp lrp = ApiFixtures.desiredLrpBuilder(processGuid)
            .instances(instances)
            .action(action)
            .startTimeout(startTimeout)
            .ports(List.of(8080))
            .env(List.of(new io.corral.receptor.api.EnvironmentVariable("GREETING", "from the LRP")))
            .build();
        receptor.desireLrp(lrp);
    }

    private static void place(String processGuid, int index) {
        ActualLrp unclaimed = receptor.actualLrp(processGuid, index);
        receptor.assign(processGuid, index, new Assignment(unclaimed.instanceGuid(), CELL, null));
    }

    private String get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The app process serving on {@code hostPort}. */
    private static ProcessHandle appProcess(int hostPort) {
        Optional<ProcessHandle> app = ProcessHandle.allProcesses()
            .filter(process -> process.info().commandLine().orElse("").contains("http.server " + hostPort))
            .findFirst();
        assertThat(app).as("the process serving port " + hostPort).isPresent();
        return app.get();
    }

    private static boolean groupAlive(long pgid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-0", "--", "-" + pgid).redirectErrorStream(true).start();
        kill.getInputStream().readAllBytes();
        return kill.waitFor() == 0;
    }

    private static final class Silent implements ContainerListener {

        @Override
        public void running(List<PortMapping> ports) {
        }

        @Override
        public void crashed(String reason) {
        }

        @Override
        public void completed(TaskOutcome outcome) {
        }

    }

}
