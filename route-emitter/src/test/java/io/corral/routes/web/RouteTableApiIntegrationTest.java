package io.corral.routes.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorJson;
import io.corral.routes.RouteEmitterApplication;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TestTokens;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;

/**
 * The HTTP route table of an emitter without NATS (the standalone default): scopes, the
 * table's filters, TCP routes, and the resumable event stream.
 */
class RouteTableApiIntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    private static ServiceUnderTest receptorService;

    private static ServiceUnderTest emitter;

    private static ReceptorClient receptor;

    private static RawHttp http;

    private static final String TOKEN = TestTokens.withScopes("routes.read");

    @BeforeAll
    static void start() {
        receptorService = ServiceUnderTest.start(ReceptorApplication.SERVICE,
                Map.of("corral.convergence.interval", "1h"));
        receptor = receptorService.client();
        receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of(), 3600));
        emitter = ServiceUnderTest.start(RouteEmitterApplication.SERVICE,
                Map.of("corral.receptor.url", receptorService.uri().toString()));
        http = new RawHttp(emitter.uri());
    }

    @AfterAll
    static void stop() {
        emitter.close();
        receptorService.close();
    }

    @Test
    void theTableNeedsRoutesReadAndHealthNeedsNothing() {
        assertThat(http.send("GET", "/v1/routes", null, null).status()).isEqualTo(401);
        assertThat(http.send("GET", "/v1/routes", TestTokens.withScopes("receptor.read"), null).status())
            .isEqualTo(403);
        assertThat(http.send("GET", "/v1/tcp_routes", TestTokens.withScopes("receptor.read"), null).status())
            .isEqualTo(403);
        Eventually.await(WITHIN, "health answers UP without a token, once the receptor is read",
                () -> http.send("GET", "/actuator/health", null, null).status() == 200);
    }

    @Test
    void anUnknownShardingModeIsAnInvalidRequest() {
        RawHttp.Response answer = http.send("GET", "/v1/routes?sharding_mode=some", TOKEN, null);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("InvalidRequest").contains("sharding_mode");
    }

    @Test
    void aTableOfManyWriteChunksIsOneJsonArrayWithEveryRouteOnce() {
        List<String> hostnames = IntStream.range(0, 400).mapToObj(i -> "wide-" + i + ".example.com").toList();
        ArrayNode route = ReceptorJson.mapper().createArrayNode();
        route.addObject().put("port", 8080).putPOJO("hostnames", hostnames);
        receptor.desireLrp(ApiFixtures.desiredLrpBuilder("wide").routes(Map.of("cf-router", route)).build());
        run("wide", "10.22.0.1", List.of(new PortMapping(8080, 61003)));

        Eventually.untilPasses(WITHIN, () -> {
            RawHttp.Response answer = http.send("GET", "/v1/routes", TOKEN, null);
            assertThat(answer.body().length()).isGreaterThan(128 * 1024);
            List<String> wide = StreamSupport.stream(answer.expect(200).spliterator(), false)
                .map(endpoint -> endpoint.path("uris").path(0).asString())
                .filter(hostname -> hostname.startsWith("wide-"))
                .toList();
            assertThat(wide).containsExactlyInAnyOrderElementsOf(hostnames);
        });
    }

    @Test
    void tcpRoutesMapTheExternalPortToTheInstance() {
        receptor.desireLrp(ApiFixtures.desiredLrpBuilder("tcp-app")
            .routes(Map.of("tcp-router", ReceptorJson.mapper()
                .readTree("[{\"external_port\": 61500, \"container_port\": 5222, \"router_group_guid\": \"rg-1\"}]")))
            .build());
        run("tcp-app", "10.20.0.1", List.of(new PortMapping(5222, 62000)));
        Eventually.untilPasses(WITHIN,
                () -> assertThat(http.send("GET", "/v1/tcp_routes", TOKEN, null).body())
                    .contains("\"router_group_guid\":\"rg-1\"")
                    .contains("\"external_port\":61500")
                    .contains("\"backend_ip\":\"10.20.0.1\"")
                    .contains("\"backend_port\":62000"));
    }

    @Test
    void theEventStreamSendsASnapshotThenChangesAndResumesAfterTheLastIdItSaw() throws Exception {
        receptor.desireLrp(ApiFixtures.desiredLrpBuilder("streamed").build());
        run("streamed", "10.21.0.1", List.of(new PortMapping(8080, 61001)));
        Eventually.untilPasses(WITHIN,
                () -> assertThat(http.send("GET", "/v1/routes", TOKEN, null).body()).contains("streamed.example.com"));
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = follow(null, lines);
        Eventually.await(WITHIN, "snapshot", () -> lines.contains("event:snapshot"));
        assertThat(dataAfter(lines, "event:snapshot")).contains("streamed.example.com");

        receptor.desireLrp(ApiFixtures.desiredLrpBuilder("streamed-2").build());
        run("streamed-2", "10.21.0.2", List.of(new PortMapping(8080, 61002)));
        Eventually.await(WITHIN, "register event", () -> lines.contains("event:register"));
        assertThat(dataAfter(lines, "event:register")).contains("streamed-2.example.com")
            .doesNotContain("\"streamed.example.com\"");
        reader.interrupt();

        String lastId = lastId(lines);
        receptor.removeDesiredLrp("streamed");
        List<String> resumed = new CopyOnWriteArrayList<>();
        Thread again = follow(lastId, resumed);
        Eventually.await(WITHIN, "unregister event after resuming", () -> resumed.contains("event:unregister"));
        assertThat(resumed).doesNotContain("event:snapshot");
        assertThat(dataAfter(resumed, "event:unregister")).contains("\"streamed.example.com\"");
        again.interrupt();
    }

    private static void run(String processGuid, String address, List<PortMapping> ports) {
        ActualLrp unclaimed = receptor.actualLrp(processGuid, 0);
        ActualLrp assigned = receptor.assign(processGuid, 0, new Assignment(unclaimed.instanceGuid(), "cell-a", null));
        ActualLrp claimed = receptor.transition("cell-a", processGuid, 0, "claim", ApiFixtures.transition(assigned));
        receptor.transition("cell-a", processGuid, 0, "start",
                new InstanceTransition(claimed.instanceGuid(), claimed.modificationTag(), address, ports, null, null));
    }

    private static Thread follow(String lastEventId, List<String> lines) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emitter.uri() + "/v1/routes/events"))
            .header("Authorization", "Bearer " + TOKEN);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        Thread thread = new Thread(() -> {
            try {
                HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
                    .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while (!Thread.currentThread().isInterrupted() && (line = in.readLine()) != null) {
                        lines.add(line);
                    }
                }
            }
            catch (Exception ended) {
                // The test is done with the stream.
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String dataAfter(List<String> lines, String event) {
        int at = lines.indexOf(event);
        for (int i = at; i < lines.size(); i++) {
            if (lines.get(i).startsWith("data:")) {
                return lines.get(i);
            }
        }
        return "";
    }

    private static String lastId(List<String> lines) {
        List<String> ids = new ArrayList<>(lines.stream().filter(line -> line.startsWith("id:")).toList());
        return ids.get(ids.size() - 1).substring(3);
    }

}
