package io.corral.routes;

import io.corral.support.FreePorts;
import io.corral.testsupport.ChildJvm;
import io.corral.testsupport.nats.RouterSpy;
import io.corral.testsupport.nats.NatsServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrp;
import io.corral.routes.emitter.RouteLeader;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ServiceJvm;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TestPostgres;
import io.corral.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Faults: NATS restarted, the receptor gone and back, the leader stopped or killed with a
 * standby beside it. Each test has NATS, receptor and emitters of its own.
 */
class RouteFaultsIntegrationTest extends RoutesIntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    private static final Duration LEASE_TTL = Duration.ofSeconds(5);

    /** The standby's lease tick, its sync and a busy machine's pauses. */
    private static final Duration TAKE_OVER_MARGIN = Duration.ofSeconds(10);

    /** A Spring Boot JVM starting cold on a busy machine. */
    private static final Duration CHILD_START = Duration.ofSeconds(120);

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
        int port = FreePorts.pick();
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

    /**
     * A replica whose table is still empty (its receptor not yet answering) is not ready:
     * as a standby it could not unregister what a dying leader had sent.
     */
    @Test
    void aReplicaIsReadyOnlyOnceItHasReadTheReceptor() throws Exception {
        int port = FreePorts.pick();
        Map<String, String> settings = Map.of("corral.receptor.url", "http://127.0.0.1:" + port);
        try (ServiceUnderTest emitter = ServiceUnderTest.start(RouteEmitterApplication.SERVICE, settings)) {
            assertThat(health(emitter, "/readiness")).isEqualTo("503 {\"status\":\"OUT_OF_SERVICE\"}");
            assertThat(health(emitter, "/liveness")).isEqualTo("200 {\"status\":\"UP\"}");

            try (ServiceUnderTest receptorService = receptorOn(TestPostgres.freshDataSource(), port)) {
                var receptor = receptorService.client();
                receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of(), 3600));
                receptor.desireLrp(webApp("read", 1, "read.example.com"));
                Instances.run(receptor, "cell-a", "read", 0, "10.13.0.1", 61001);
                Eventually.await(WITHIN, "ready once the receptor is read",
                        () -> health(emitter, "/readiness").equals("200 {\"status\":\"UP\"}"));
                assertThat(routes(emitter)).contains("read.example.com");
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

    /**
     * The leader is a JVM of its own, killed with SIGKILL: its lease is not released, so
     * the standby (in this JVM, on the same database) takes it only once it lapses, then
     * publishes what changed meanwhile.
     */
    @Test
    void whenTheLeaderIsKilledTheStandbyPublishesOnceTheLeaseLapses(@TempDir Path directory) {
        Map<String, String> emitterDatabase = TestPostgres.freshDataSource();
        try (NatsServer nats = NatsServer.own();
                RouterSpy router = RouterSpy.start(nats.url(), 3600);
                ServiceUnderTest receptorService = startReceptor()) {
            var receptor = receptorService.client();
            receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of(), 3600));
            receptor.desireLrp(webApp("staying", 1, "staying.example.com"));
            receptor.desireLrp(webApp("crashing", 1, "crashing.example.com"));
            receptor.desireLrp(webApp("starting", 1, "starting.example.com"));
            ActualLrp staying = Instances.run(receptor, "cell-a", "staying", 0, "10.13.0.1", 61001);
            ActualLrp crashing = Instances.run(receptor, "cell-a", "crashing", 0, "10.13.0.2", 61002);
            ServiceJvm leader = startChildEmitter(directory, receptorService, nats.url(), emitterDatabase);
            try (ServiceUnderTest standby = awaitLeading(leader, router, receptorService, nats.url(),
                    emitterDatabase)) {
                Eventually.await(WITHIN, "the standby follows the receptor",
                        () -> routes(standby).contains("crashing.example.com"));
                assertThat(registersSent(standby)).isZero();
                assertThat(leaseHolder(standby)).isNotEmpty().isNotEqualTo(holderOf(standby));

                leader.kill();
                long killedAt = System.nanoTime();
                assertThat(leader.exitsWithin(WITHIN)).isTrue();
                ActualLrp started = Instances.run(receptor, "cell-a", "starting", 0, "10.13.0.3", 61003);
                Instances.crash(receptor, crashing);

                Eventually.await(LEASE_TTL.plus(TAKE_OVER_MARGIN).minusNanos(System.nanoTime() - killedAt),
                        "the standby leads within the lease TTL and a margin", () -> leads(standby));
                System.out.printf("the standby led %d ms after the kill (lease TTL %s)%n",
                        Duration.ofNanos(System.nanoTime() - killedAt).toMillis(), LEASE_TTL);
                assertThat(leaseHolder(standby)).isEqualTo(holderOf(standby));
                Eventually.untilPasses(WITHIN, () -> {
                    assertThat(heardSince(router, "router.register", "starting.example.com", killedAt))
                        .contains(expectedMessage(started, "starting.example.com", 61003, "z1", null));
                    assertThat(heardSince(router, "router.register", "staying.example.com", killedAt))
                        .contains(expectedMessage(staying, "staying.example.com", 61001, "z1", null));
                    assertThat(heardSince(router, "router.unregister", "crashing.example.com", killedAt))
                        .contains(expectedMessage(crashing, "crashing.example.com", 61002, "z1", null));
                });
                assertThat(heardSince(router, "router.register", "crashing.example.com", killedAt)).isEmpty();
                assertThat(routes(standby)).contains("staying.example.com", "starting.example.com")
                    .doesNotContain("crashing.example.com");
            }
            finally {
                leader.kill();
            }
        }
    }

    /**
     * The child emitter, once it publishes (it alone runs, so it leads), and then a
     * standby beside it.
     */
    private static ServiceUnderTest awaitLeading(ServiceJvm leader, RouterSpy router, ServiceUnderTest receptor,
            String natsUrl, Map<String, String> database) {
        Eventually.await(CHILD_START, "the child emitter registers the running instances",
                () -> !leader.isAlive() || (!router.heard("router.register", "staying.example.com").isEmpty()
                        && !router.heard("router.register", "crashing.example.com").isEmpty()));
        assertThat(leader.isAlive()).as("the child emitter runs").isTrue();
        Map<String, String> settings = new HashMap<>(database);
        settings.put("corral.routes.lease-ttl", LEASE_TTL.toSeconds() + "s");
        return startEmitter(receptor, natsUrl, settings);
    }

    /** {@code RouteEmitterApplication} in a JVM of its own, on {@code database}. */
    private static ServiceJvm startChildEmitter(Path directory, ServiceUnderTest receptor, String natsUrl,
            Map<String, String> database) {
        return ServiceJvm.start(directory, RouteEmitterApplication.class, database,
                Map.of("corral.receptor.url", receptor.uri().toString(), "corral.routes.nats.servers[0]", natsUrl,
                        "corral.routes.lease-ttl", LEASE_TTL.toSeconds() + "s"));
    }

    private static List<JsonNode> heardSince(RouterSpy router, String subject, String hostname, long since) {
        return router.heard(subject, hostname)
            .stream()
            .filter(heard -> heard.atNanos() - since > 0)
            .map(RouterSpy.Heard::json)
            .toList();
    }

    private static List<String> leaseHolder(ServiceUnderTest emitter) {
        return emitter.bean(JdbcTemplate.class)
            .queryForList("SELECT holder FROM leases WHERE name = 'route-emitter' AND expires_at > now()",
                    String.class);
    }

    private static List<String> holderOf(ServiceUnderTest emitter) {
        return List.of(emitter.bean(RouteLeader.class).holderId());
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

    /** The status and body of {@code group}'s health. */
    private static String health(ServiceUnderTest emitter, String group) {
        RawHttp.Response health = new RawHttp(emitter.uri()).send("GET", "/actuator/health" + group, null, null);
        return health.status() + " " + health.body();
    }

}
