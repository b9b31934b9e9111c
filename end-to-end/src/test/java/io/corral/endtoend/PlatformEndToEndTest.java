package io.corral.endtoend;

import static io.corral.endtoend.Platform.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.corral.endtoend.RouterTable.Endpoint;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.DesiredLrpUpdate;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskCompletion;
import io.corral.receptor.api.TaskState;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestTokens;
import io.corral.testsupport.nats.RouterSpy.Heard;
import io.corral.testsupport.ssh.OpenSshClient.Result;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole chain on one platform ({@link Platform}): an app desired through the receptor
 * runs as real processes spread over three cells in three zones, reaches routers over
 * NATS and answers HTTP on every endpoint, is reached over SSH through the proxy, crashes
 * and comes back; a task's result reaches its completion callback; a rogue cell's reports
 * are refused and change nothing. Each test desires apps of its own beside the shared web
 * app, {@value #WEB}.
 */
class PlatformEndToEndTest {

    private static final String WEB = "web";

    private static final String DEVELOPER = "dev-1";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path directory;

    @TempDir
    Path local;

    private static Platform platform;

    private static ReceptorClient receptor;

    private static String webAppGuid;

    @BeforeAll
    static void boot() {
        platform = Platform.start(directory, Map.of());
        receptor = platform.receptor();
        var web = platform.webApp(WEB, 3).build();
        webAppGuid = web.appGuid();
        receptor.desireLrp(web);
        platform.addDeveloper(Platform.SPACE, DEVELOPER);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void anAppRunsOneInstancePerZoneAndEveryEndpointOnItsRouteAnswers() {
        List<ActualLrp> running = platform.awaitRunning(WEB, 3);
        String hostname = platform.hostname(WEB);

        assertThat(running).extracting(ActualLrp::cellId).containsExactlyInAnyOrder("cell-z1", "cell-z2", "cell-z3");
        for (ActualLrp instance : running) {
            Path container = platform.agent(instance.cellId()).containerDirectory(instance.instanceGuid());
            assertThat(container.resolve("index.html")).hasContent("hello from " + instance.index());
        }
        Set<String> endpoints = running.stream().map(Platform::endpoint).collect(Collectors.toSet());
        Eventually.untilPasses(WAIT, () -> assertThat(platform.routeTable(hostname)).isEqualTo(endpoints));
        Eventually.untilPasses(WAIT,
                () -> assertThat(platform.routerTable(hostname).endpoints()).extracting(Endpoint::address)
                    .containsExactlyInAnyOrderElementsOf(endpoints));
        Set<Endpoint> routed = platform.routerTable(hostname).endpoints();
        assertThat(routed).extracting(Endpoint::zone).containsExactlyInAnyOrder("z1", "z2", "z3");
        assertThat(routed).extracting(Endpoint::instanceGuid)
            .containsExactlyInAnyOrderElementsOf(running.stream().map(ActualLrp::instanceGuid).toList());
        for (Endpoint endpoint : routed) {
            assertThat(Platform.get(endpoint.address())).isEqualTo("hello from " + endpoint.index() + "\n");
        }
    }

    @Test
    void sshThroughTheProxyRunsInTheInstanceAndScpCopiesAFileIntoIt() throws IOException {
        ActualLrp one = platform.awaitRunning(WEB, 3).get(1);
        String login = "cf:" + webAppGuid + "/1";
        String token = Platform.userToken(DEVELOPER);

        Result echo = platform.ssh(login, platform.sshCode(token)).ssh("", "echo $INSTANCE_INDEX");

        assertThat(echo.exitCode()).as(echo.output()).isZero();
        assertThat(echo.stdout()).isEqualTo("1\n");

        Path notes = local.resolve("notes.txt");
        Files.writeString(notes, "copied in with scp\n");
        Result copy = platform.ssh(login, platform.sshCode(token)).scp(notes.toString(), "remote:notes.txt");

        assertThat(copy.exitCode()).as(copy.output()).isZero();
        assertThat(platform.agent(one.cellId()).containerDirectory(one.instanceGuid()).resolve("notes.txt"))
            .hasContent("copied in with scp");
        Result cat = platform.ssh(login, token).ssh("", "cat notes.txt");
        assertThat(cat.stdout()).isEqualTo("copied in with scp\n");
    }

    @Test
    void aKilledInstanceIsReportedCrashedUnroutedRestartedAndRoutedAgain() {
        receptor.desireLrp(platform.webApp("crashing", 3).build());
        String hostname = platform.hostname("crashing");
        ActualLrp victim = platform.awaitRunning("crashing", 3).get(0);
        Eventually.untilPasses(WAIT,
                () -> assertThat(platform.routerTable(hostname).endpoints()).extracting(Endpoint::address)
                    .contains(Platform.endpoint(victim)));
        int heardBefore = platform.router().heard().size();

        Platform.processServing(Platform.hostPort(victim, 8080))
            .orElseThrow(() -> new AssertionError("no process serves " + Platform.endpoint(victim)))
            .destroyForcibly();

        Eventually.untilPasses(WAIT, () -> {
            ActualLrp now = receptor.actualLrp("crashing", 0);
            assertThat(now.instanceGuid()).isNotEqualTo(victim.instanceGuid());
            assertThat(now.crashCount()).isEqualTo(1);
            assertThat(now.crashReason()).isEqualTo("APP/PROC/WEB: Exited with status 137");
        });
        Eventually.untilPasses(WAIT,
                () -> assertThat(unregisteredSince(heardBefore, hostname)).contains(Platform.endpoint(victim)));
        ActualLrp restarted = platform.awaitRunning("crashing", 3).get(0);
        assertThat(restarted.crashCount()).isEqualTo(1);
        Eventually.untilPasses(WAIT, () -> {
            Set<Endpoint> routed = platform.routerTable(hostname).endpoints();
            assertThat(routed).extracting(Endpoint::address)
                .contains(Platform.endpoint(restarted))
                .doesNotContain(Platform.endpoint(victim))
                .hasSize(3);
            assertThat(routed).extracting(Endpoint::instanceGuid).contains(restarted.instanceGuid());
        });
        assertThat(platform.routeTable(hostname)).contains(Platform.endpoint(restarted))
            .doesNotContain(Platform.endpoint(victim));
        assertThat(Platform.get(Platform.endpoint(restarted))).isEqualTo("hello from 0\n");
        receptor.removeDesiredLrp("crashing");
    }

    @Test
    void anAppThatNeverOpensItsPortCrashesWithAReasonAfterItsStartTimeout() {
        receptor
            .desireLrp(platform.webApp("silent", 1).action(Platform.shell("exec sleep 600")).startTimeout(2).build());

        Eventually.untilPasses(WAIT, () -> {
            ActualLrp now = receptor.actualLrp("silent", 0);
            assertThat(now.crashCount()).isPositive();
            assertThat(now.crashReason()).startsWith("Instance never healthy after 2s: failed to connect to port");
        });
        assertThat(platform.routeTable(platform.hostname("silent"))).isEmpty();
        assertThat(platform.routerTable(platform.hostname("silent")).endpoints()).isEmpty();
        receptor.removeDesiredLrp("silent");
    }

    @Test
    void aTasksResultFileReachesItsCompletionCallback() throws Exception {
        BlockingQueue<String> callbacks = new LinkedBlockingQueue<>();
        HttpServer cloudController = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cloudController.createContext("/internal/v3/tasks/migrate/completed", exchange -> {
            callbacks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        cloudController.start();
        try {
            String callbackUrl = "http://127.0.0.1:" + cloudController.getAddress().getPort()
                    + "/internal/v3/tasks/migrate/completed";
            receptor.desireTask(ApiFixtures.task("migrate",
                    Platform.shell("printf 'migrated %s tables' 42 > $TMPDIR/result"), null, callbackUrl));

            String callback = callbacks.poll(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(callback).as("the completion callback").isNotNull();
            JsonNode task = ReceptorJson.mapper().readTree(callback);
            assertThat(task.path("task_guid").asString()).isEqualTo("migrate");
            assertThat(task.path("failed").asBoolean()).isFalse();
            assertThat(task.path("result").asString()).isEqualTo("migrated 42 tables");
            assertThat(task.path("cell_id").asString()).isIn("cell-z1", "cell-z2", "cell-z3");
            Eventually.await(WAIT, "the task is gone once its callback was answered",
                    () -> receptor.tasks().stream().noneMatch(t -> t.taskGuid().equals("migrate")));
        }
        finally {
            cloudController.stop(0);
        }
    }

    /**
     * A cell whose token names it (so the receptor binds it to its own cell id), present
     * but isolated (a placement tag no work asks for), acting against the web app's
     * instances and a task of another cell.
     */
    @Test
    void aRogueCellsReportsAreRefusedAndChangeNothing() {
        RawHttp http = new RawHttp(platform.receptorUri());
        String rogue = TestTokens.withClaims(Map.of("cell_id", "cell-rogue"), "cells.write");
        http.send("PUT", "/v1/cells/cell-rogue", rogue,
                json(ApiFixtures.cell("cell-rogue", "z1", List.of("rogue-only"))))
            .expect(200);
        List<ActualLrp> before = platform.awaitRunning(WEB, 3);
        Set<String> routesBefore = platform.routeTable(platform.hostname(WEB));
        receptor.desireTask(ApiFixtures.task("long-task", Platform.shell("exec sleep 600"), null, null));
        Eventually.await(WAIT, "the task runs on a cell",
                () -> receptor.task("long-task").state() == TaskState.RUNNING);
        Task task = receptor.task("long-task");
        Cell victimCellBefore = cell(before.get(0).cellId());
        int heardBefore = platform.router().heard().size();
        ActualLrp zero = before.get(0);
        ActualLrp one = before.get(1);
        ActualLrp two = before.get(2);
        String own = "/v1/cells/cell-rogue/actual_lrps/" + WEB + "/index/";

        // Acting as the cell that holds them.
        http.send("POST", "/v1/cells/" + zero.cellId() + "/actual_lrps/" + WEB + "/index/0/crash", rogue,
                json(new InstanceTransition(zero.instanceGuid(), zero.modificationTag(), null, null, "rogue", null)))
            .assertError(403, "Forbidden", "cell-rogue");
        http.send("PUT", "/v1/cells/" + zero.cellId(), rogue, json(ApiFixtures.cell(zero.cellId(), "z9", List.of())))
            .assertError(403, "Forbidden");
        http.send("POST", "/v1/cells/" + task.cellId() + "/tasks/long-task/complete", rogue,
                json(new TaskCompletion(false, null, "forged")))
            .assertError(403, "Forbidden");
        // As itself, about instances and a task it does not hold.
        http.send("POST", own + "0/claim", rogue, json(ApiFixtures.transition(zero)))
            .assertError(409, "ResourceConflict");
        http.send("POST", own + "1/start", rogue,
                json(new InstanceTransition(one.instanceGuid(), one.modificationTag(), "203.0.113.66",
                        List.of(new PortMapping(8080, 6666), new PortMapping(2222, 6667)), null, null)))
            .assertError(409, "ResourceConflict");
        http.send("POST", own + "2/crash", rogue,
                json(new InstanceTransition(two.instanceGuid(), two.modificationTag(), null, null, "rogue", null)))
            .assertError(409, "ResourceConflict");
        http.send("POST", own + "2/remove", rogue, json(ApiFixtures.transition(two)))
            .assertError(409, "ResourceConflict");
        http.send("POST", "/v1/cells/cell-rogue/tasks/long-task/complete", rogue,
                json(new TaskCompletion(false, null, "forged")))
            .assertError(409, "ResourceConflict");
        // Malformed reports.
        http.send("POST", own + "1/start", rogue, "{\"instance_guid\": ").assertError(400, "InvalidJSON");
        http.send("POST", own + "1/start", rogue,
                "{\"instance_guid\": \"" + one.instanceGuid() + "\", \"modification_tag\": "
                        + json(one.modificationTag()) + ", \"address\": \"203.0.113.66\","
                        + " \"ports\": [{\"container_port\": 8080, \"host_port\": 70000}]}")
            .assertError(400, "InvalidRequest", "ports[0].host_port");
        http.send("POST", own + "1/explode", rogue, json(ApiFixtures.transition(one)))
            .assertError(404, "EndpointNotFound");
        http.send("POST", "/v1/cells/cell-rogue/tasks/long-task/complete", rogue,
                "{\"failed\": false, \"result\": \"" + "x".repeat(10 * 1024 + 1) + "\"}")
            .assertError(400, "InvalidRequest", "result");

        assertThat(platform.awaitRunning(WEB, 3)).isEqualTo(before);
        assertThat(receptor.task("long-task")).isEqualTo(task);
        assertThat(cell(zero.cellId())).usingRecursiveComparison()
            .ignoringFields("expiresAt")
            .isEqualTo(victimCellBefore);
        assertThat(platform.routeTable(platform.hostname(WEB))).isEqualTo(routesBefore);
        // Routers hear changes in order: once they hear one made after the rogue's
        // requests, they have heard anything those requests caused.
        String marker = platform.hostname("after-the-rogue");
        Map<String, JsonNode> routes = new HashMap<>(receptor.desiredLrp(WEB).routes());
        routes.put("cf-router", Platform.httpRoute(platform.hostname(WEB), marker));
        receptor.updateDesiredLrp(WEB, new DesiredLrpUpdate(null, routes, null, null, null));
        Eventually.untilPasses(WAIT, () -> assertThat(platform.routerTable(marker).endpoints()).hasSize(3));
        assertThat(platform.router().heard().subList(heardBefore, platform.router().heard().size()))
            .extracting(heard -> heard.json().path("host").asString() + ":" + heard.json().path("port").asInt())
            .doesNotContain("203.0.113.66:6666", "203.0.113.66:6667", zero.address() + ":6666");
        receptor.cancelTask("long-task");
    }

    private static Cell cell(String cellId) {
        return receptor.cells()
            .stream()
            .filter(cell -> cell.cellId().equals(cellId))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no cell " + cellId));
    }

    private static String json(Object value) {
        return ReceptorJson.mapper().writeValueAsString(value);
    }

    /**
     * The addresses {@code hostname} was unregistered at after the first {@code skipped}
     * messages.
     */
    private static Set<String> unregisteredSince(int skipped, String hostname) {
        List<Heard> heard = platform.router().heard();
        return heard.subList(skipped, heard.size())
            .stream()
            .filter(message -> message.subject().equals("router.unregister") && message.isFor(hostname))
            .map(message -> message.json().path("host").asString() + ":" + message.json().path("port").asInt())
            .collect(Collectors.toSet());
    }

}
