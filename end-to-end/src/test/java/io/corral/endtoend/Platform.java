package io.corral.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.PlacementApplication;
import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorJson;
import io.corral.routes.RouteEmitterApplication;
import io.corral.sshauth.SshAuthApplication;
import io.corral.sshproxy.SshProxyApplication;
import io.corral.sshproxy.server.ProxyServer;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TestTokens;
import io.corral.testsupport.nats.NatsServer;
import io.corral.testsupport.nats.RouterSpy;
import io.corral.testsupport.ssh.OpenSshClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole platform as an operator runs it, with short intervals so that what takes
 * minutes on Diego takes seconds: the receptor, placement, the route emitter (publishing
 * on NATS, the machine's when it answers), ssh-auth-service and the SSH proxy in this
 * JVM, each on a PostgreSQL database of its own where it keeps one; three cell agents of
 * the process backend, each in a JVM of its own in a zone of its own
 * ({@code cell-z1}..{@code cell-z3}); a router on NATS hearing what gorouter hears.
 * Hostnames carry a name of this run, so routers of other runs sharing the NATS are told
 * apart.
 */
final class Platform implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(90);

    static final String SPACE = "space-e2e";

    /** The router's register interval: routes are registered again this often. */
    private static final int REGISTER_INTERVAL_SECONDS = 5;

    private static final Duration AGENT_START = Duration.ofSeconds(180);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path directory;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private final List<AutoCloseable> started = new ArrayList<>();

    private final Map<String, CellAgentJvm> agents = new LinkedHashMap<>();

    private final Map<String, String> agentSettings;

    private ServiceUnderTest receptorService;

    private ServiceUnderTest routeEmitter;

    private ServiceUnderTest sshAuth;

    private ServiceUnderTest sshProxy;

    private ReceptorClient receptor;

    private RouterSpy router;

    private SshKeys keys;

    private Platform(Path directory, Map<String, String> agentSettings) {
        this.directory = directory;
        this.agentSettings = agentSettings;
    }

    /**
     * Boots everything in {@code directory} (the agents' work and output, the keys);
     * {@code agentSettings} go to every cell agent.
     */
    static Platform start(Path directory, Map<String, String> agentSettings) {
        Platform platform = new Platform(directory.toAbsolutePath(), agentSettings);
        try {
            platform.boot();
            return platform;
        }
        catch (RuntimeException | Error e) {
            platform.close();
            throw e;
        }
    }

    private void boot() {
        try {
            keys = SshKeys.generate(Files.createDirectories(directory.resolve("keys")));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        receptorService = started(ServiceUnderTest.start(ReceptorApplication.SERVICE,
                Map.of("corral.convergence.interval", "1s", "corral.tasks.callback-backoff", "200ms")));
        receptor = receptorService.client();
        String receptorUrl = receptorService.uri().toString();
        // The agents boot in their JVMs while the rest boots here.
        for (int zone = 1; zone <= 3; zone++) {
            startAgent("cell-z" + zone, "z" + zone);
        }
        started(ServiceUnderTest.start(PlacementApplication.SERVICE,
                Map.of("corral.receptor.url", receptorUrl, "corral.placement.auction.interval", "1s")));
        String nats = NatsServer.shared().url();
        router = started(RouterSpy.start(nats, REGISTER_INTERVAL_SECONDS));
        routeEmitter = started(ServiceUnderTest.start(RouteEmitterApplication.SERVICE,
                Map.of("corral.receptor.url", receptorUrl, "corral.routes.nats.servers[0]", nats)));
        sshAuth = started(ServiceUnderTest.start(SshAuthApplication.SERVICE,
                Map.of("corral.receptor.url", receptorUrl, "corral.ssh.failures.per-minute", "1000")));
        sshProxy = started(ServiceUnderTest.start(SshProxyApplication.SERVICE,
                Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1/unused", "corral.ssh-auth.url",
                        sshAuth.uri().toString(), "corral.ssh-proxy.port", "0", "corral.ssh-proxy.address", "127.0.0.1",
                        "corral.ssh-proxy.generate-host-key", "true", "corral.ssh-proxy.host-key-file",
                        directory.resolve("keys").resolve("proxy.key").toString())));
        awaitHeartbeats();
    }

    private void startAgent(String cellId, String zone) {
        agents.put(cellId, CellAgentJvm.start(directory, cellId, zone, receptorService.uri(), agentSettings));
    }

    private void awaitHeartbeats() {
        Eventually.untilPasses(AGENT_START, () -> {
            agents.values()
                .forEach(agent -> assertThat(agent.isAlive()).as("agent %s runs: %s", agent.cellId(), agent.output())
                    .isTrue());
            assertThat(receptor.cells()).extracting(Cell::cellId).containsAll(agents.keySet());
        });
    }

    ReceptorClient receptor() {
        return receptor;
    }

    URI receptorUri() {
        return receptorService.uri();
    }

    RouterSpy router() {
        return router;
    }

    CellAgentJvm agent(String cellId) {
        return agents.get(cellId);
    }

    /** The hostname of {@code processGuid}'s route in this run. */
    String hostname(String processGuid) {
        return processGuid + "." + run + ".e2e.example.com";
    }

    /**
     * A web app as a Cloud Controller desires it: {@code instances} instances serving
     * {@code hello from <index>} over HTTP on their port, routed at
     * {@link #hostname(String)}, and reachable over SSH through the proxy (its
     * {@code diego-ssh} route carries the key the proxy logs in with and the host key the
     * instance's daemon presents).
     */
    DesiredLrp.Builder webApp(String processGuid, int instances) {
        return ApiFixtures.desiredLrpBuilder(processGuid)
            .instances(instances)
            .appGuid(UUID.randomUUID().toString())
            .spaceGuid(SPACE)
            .memoryMb(64)
            .diskMb(64)
            .ports(List.of(8080, 2222))
            .action(shell("echo hello from $INSTANCE_INDEX > index.html;"
                    + " exec python3 -m http.server $PORT --bind 127.0.0.1"))
            .routes(Map.of("cf-router", httpRoute(hostname(processGuid)), "diego-ssh", keys.route()));
    }

    /** A {@code cf-router} route of {@code hostnames} to container port 8080. */
    static JsonNode httpRoute(String... hostnames) {
        ObjectNode route = ReceptorJson.mapper().createObjectNode().put("port", 8080);
        ArrayNode names = route.putArray("hostnames");
        List.of(hostnames).forEach(names::add);
        return ReceptorJson.mapper().createArrayNode().add(route);
    }

    /** A {@code run} of {@code /bin/sh -c script} as the Cloud Controller's user. */
    static JsonNode shell(String script) {
        ObjectNode run = ReceptorJson.mapper().createObjectNode().put("path", "/bin/sh").put("user", "vcap");
        run.putArray("args").add("-c").add(script);
        return ReceptorJson.mapper().createObjectNode().set("run", run);
    }

    /**
     * Waits until {@code instances} instances of {@code processGuid} run as their
     * indices' current (ordinary) instances; returns those by index.
     */
    List<ActualLrp> awaitRunning(String processGuid, int instances) {
        Eventually.untilPasses(WAIT,
                () -> assertThat(receptor.actualLrps(processGuid))
                    .filteredOn(instance -> instance.state() == ActualLrpState.RUNNING
                            && instance.presence() == ActualLrpPresence.ORDINARY)
                    .extracting(ActualLrp::index)
                    .containsExactlyInAnyOrderElementsOf(indices(instances)));
        return receptor.actualLrps(processGuid)
            .stream()
            .filter(instance -> instance.presence() == ActualLrpPresence.ORDINARY)
            .sorted(Comparator.comparingInt(ActualLrp::index))
            .toList();
    }

    private static List<Integer> indices(int instances) {
        List<Integer> indices = new ArrayList<>();
        for (int index = 0; index < instances; index++) {
            indices.add(index);
        }
        return indices;
    }

    /**
     * The route emitter's HTTP route table for {@code hostname}: {@code host:port} each.
     */
    Set<String> routeTable(String hostname) {
        JsonNode routes = new RawHttp(routeEmitter.uri())
            .send("GET", "/v1/routes", TestTokens.withScopes("routes.read"), null)
            .expect(200);
        return StreamSupport.stream(routes.spliterator(), false)
            .filter(route -> route.path("uris").path(0).asString().equals(hostname))
            .map(route -> route.path("host").asString() + ":" + route.path("port").asInt())
            .collect(Collectors.toSet());
    }

    /** What NATS has told a router about {@code hostname} so far. */
    RouterTable routerTable(String hostname) {
        return RouterTable.of(router.heard(), hostname);
    }

    /**
     * Where a router sends {@code instance}'s traffic: its address and HTTP host port.
     */
    static String endpoint(ActualLrp instance) {
        return instance.address() + ":" + hostPort(instance, 8080);
    }

    static int hostPort(ActualLrp instance, int containerPort) {
        return instance.ports()
            .stream()
            .filter(mapping -> mapping.containerPort() == containerPort)
            .mapToInt(PortMapping::hostPort)
            .findFirst()
            .orElseThrow(() -> new AssertionError(instance + " maps no port " + containerPort));
    }

    /** {@code GET http://<endpoint>/}: what the app answers there. */
    static String get(String endpoint) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + endpoint + "/"))
            .timeout(Duration.ofSeconds(10))
            .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET http://%s/", endpoint).isEqualTo(200);
            return response.body();
        }
        catch (IOException e) {
            throw new UncheckedIOException("GET http://" + endpoint + "/", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The app process listening on {@code hostPort}, if one does. */
    static Optional<ProcessHandle> processServing(int hostPort) {
        return ProcessHandle.allProcesses()
            .filter(process -> process.info().commandLine().orElse("").contains("http.server " + hostPort + " "))
            .findFirst();
    }

    /**
     * Makes {@code userId} a developer of {@code spaceGuid}, so they may SSH into its
     * apps.
     */
    void addDeveloper(String spaceGuid, String userId) {
        new RawHttp(sshAuth.uri())
            .send("PUT", "/v1/ssh/spaces/" + spaceGuid + "/members/" + userId, TestTokens.withScopes("ssh.admin"),
                    "{\"role\": \"developer\"}")
            .expect(200);
    }

    /** A user's bearer token, as UAA issues it to {@code cf}. */
    static String userToken(String userId) {
        return TestTokens.withClaims(Map.of("user_id", userId, "user_name", userId + "-name"));
    }

    /**
     * A one-time code for the holder of {@code userToken}, what {@code cf ssh-code}
     * prints.
     */
    String sshCode(String userToken) {
        return new RawHttp(sshAuth.uri()).send("POST", "/v1/ssh/codes", userToken, null)
            .expect(201)
            .path("code")
            .asString();
    }

    /** The OpenSSH client logging in through the proxy as {@code username}. */
    OpenSshClient ssh(String username, String password) {
        return OpenSshClient.withPassword(sshProxy.bean(ProxyServer.class).port(), username, password);
    }

    private <T extends AutoCloseable> T started(T service) {
        started.add(service);
        return service;
    }

    /**
     * Kills the agents and whatever they left running (a graceful stop of all three at
     * once would find no cell to move instances to), then stops the services in reverse
     * order.
     */
    @Override
    public void close() {
        agents.values().forEach(agent -> {
            agent.kill();
            agent.exitsWithin(Duration.ofSeconds(30));
            agent.killLeftProcesses();
        });
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            }
            catch (Exception e) {
                System.err.println("could not stop " + started.get(i) + ": " + e);
            }
        }
    }

}
