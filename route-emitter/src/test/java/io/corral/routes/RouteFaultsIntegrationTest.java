package io.corral.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorApplication;
import io.corral.routes.emitter.RouteLeader;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TestPostgres;
import io.corral.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Faults: NATS restarted, the receptor gone and back, the leader stopped with a standby
 * beside it. Each test has NATS, receptor and emitters of its own.
 */
class RouteFaultsIntegrationTest extends RoutesIntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Test
    void afterNatsRestartsTheEmitterGreetsAgainAndRegistersEverything() throws Exception {
        try (NatsServer nats = NatsServer.own(); ServiceUnderTest receptorService = startReceptor()) {
            var receptor = receptorService.client();
            receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of(), 3600));
            try (ServiceUnderTest emitter = startEmitter(receptorService, nats.url(),
                    Map.of("corral.routes.register-interval", "1h"));
                    RouterSpy router = RouterSpy.start(nats.url(), 3600)) {
                receptor.desireLrp(webApp("survivor", 1, "survivor.example.com"));
                Instances.run(receptor, "cell-a", "survivor", 0, "10.10.0.1", 61001);
                Eventually.await(WITHIN, "registered",
                        () -> !router.heard("router.register", "survivor.example.com").isEmpty());

                nats.stop();
                Eventually.await(WITHIN, "health DOWN while NATS is unreachable", () -> health(emitter) == 503);
                int registersBefore = router.heard("router.register", "survivor.example.com").size();
                long greetsBefore = router.count("router.greet");
                nats.start();

                Eventually.await(WITHIN, "greeted again after the restart",
                        () -> router.count("router.greet") > greetsBefore);
                Eventually.await(WITHIN, "registered again after the restart",
                        () -> router.heard("router.register", "survivor.example.com").size() > registersBefore);
                Eventually.await(WITHIN, "health UP again", () -> health(emitter) == 200);
            }
        }
    }

    @Test
    void theTableIsKeptWhileTheReceptorIsGoneAndSyncedWhenItIsBack() throws Exception {
        Map<String, String> database = TestPostgres.freshDataSource();
        int port = freePort();
        try (NatsServer nats = NatsServer.own(); RouterSpy router = RouterSpy.start(nats.url(), 3600)) {
            ServiceUnderTest first = receptorOn(database, port);
            var receptor = first.client();
            receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of(), 3600));
            receptor.desireLrp(webApp("kept", 1, "kept.example.com"));
            receptor.desireLrp(webApp("stopped", 1, "stopped.example.com"));
            Instances.run(receptor, "cell-a", "kept", 0, "10.11.0.1", 61001);
            Instances.run(receptor, "cell-a", "stopped", 0, "10.11.0.2", 61002);
            try (ServiceUnderTest emitter = startEmitter(first, nats.url(), Map.of())) {
                Eventually.await(WITHIN, "both routed", () -> routes(emitter).contains("kept.example.com")
                        && routes(emitter).contains("stopped.example.com"));
                first.close();
                assertThat(routes(emitter)).contains("kept.example.com", "stopped.example.com");

                try (ServiceUnderTest meanwhile = receptorOn(database, 0)) {
                    var changes = meanwhile.client();
                    changes.removeDesiredLrp("stopped");
                    changes.desireLrp(webApp("added", 1, "added.example.com"));
                    Instances.run(changes, "cell-a", "added", 0, "10.11.0.3", 61003);
                }
                assertThat(routes(emitter)).contains("stopped.example.com").doesNotContain("added.example.com");

                try (ServiceUnderTest back = receptorOn(database, port)) {
                    Eventually.untilPasses(WITHIN,
                            () -> assertThat(routes(emitter)).contains("kept.example.com", "added.example.com")
                                .doesNotContain("stopped.example.com"));
                    Eventually.await(WITHIN, "stopped unregistered on NATS",
                            () -> !router.heard("router.unregister", "stopped.example.com").isEmpty());
                    assertThat(router.heard("router.register", "added.example.com")).isNotEmpty();
                }
            }
        }
    }

    @Test
    void whenTheLeaderStopsTheStandbyPublishes() {
        Map<String, String> emitterDatabase = TestPostgres.freshDataSource();
        try (NatsServer nats = NatsServer.own();
                RouterSpy router = RouterSpy.start(nats.url(), 3600);
                ServiceUnderTest receptorService = startReceptor()) {
            var receptor = receptorService.client();
            receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of(), 3600));
            ServiceUnderTest one = startEmitter(receptorService, nats.url(), emitterDatabase);
            ServiceUnderTest two = startEmitter(receptorService, nats.url(), emitterDatabase);
            try {
                Eventually.await(WITHIN, "one leader", () -> leads(one) != leads(two));
                ServiceUnderTest leader = leads(one) ? one : two;
                ServiceUnderTest standby = leader == one ? two : one;
                receptor.desireLrp(webApp("before", 1, "before.example.com"));
                Instances.run(receptor, "cell-a", "before", 0, "10.12.0.1", 61001);
                Eventually.await(WITHIN, "registered by the leader",
                        () -> !router.heard("router.register", "before.example.com").isEmpty());
                assertThat(registersSent(standby)).isZero();
                assertThat(routes(standby)).contains("before.example.com");

                leader.close();
                Eventually.await(WITHIN, "the standby leads", () -> leads(standby));
                receptor.desireLrp(webApp("after", 1, "after.example.com"));
                Instances.run(receptor, "cell-a", "after", 0, "10.12.0.2", 61002);
                Eventually.await(WITHIN, "registered by the former standby",
                        () -> !router.heard("router.register", "after.example.com").isEmpty());
                assertThat(registersSent(standby)).isPositive();
            }
            finally {
                one.close();
                two.close();
            }
        }
    }

    private static ServiceUnderTest receptorOn(Map<String, String> database, int port) {
        Map<String, String> settings = new HashMap<>(database);
        settings.put("corral.convergence.interval", "1h");
        settings.put("server.port", Integer.toString(port));
        return ServiceUnderTest.start(ReceptorApplication.SERVICE, settings);
    }

    private static boolean leads(ServiceUnderTest emitter) {
        return emitter.bean(RouteLeader.class).isLeader();
    }

    private static double registersSent(ServiceUnderTest emitter) {
        return emitter.bean(MeterRegistry.class).counter("corral.routes.registers").count();
    }

    private static String routes(ServiceUnderTest emitter) {
        return new RawHttp(emitter.uri())
            .send("GET", "/v1/routes?sharding_mode=all", TestTokens.withScopes("routes.read"), null)
            .body();
    }

    private static int health(ServiceUnderTest emitter) {
        return new RawHttp(emitter.uri()).send("GET", "/actuator/health", null, null).status();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
