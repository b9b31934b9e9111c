package io.corral.routes;

import io.corral.testsupport.nats.RouterSpy;
import io.corral.testsupport.nats.NatsServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.DesiredLrpUpdate;
import io.corral.receptor.client.ReceptorClient;
import io.corral.routes.emitter.RouteEmitter;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a gorouter on NATS hears from the route emitter, message by message, as a real
 * receptor's instances start, stop, crash, move and lose their cell. The test router
 * answers greetings with a 1 s interval.
 */
class NatsRoutesIntegrationTest extends RoutesIntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    private static ServiceUnderTest receptorService;

    private static ServiceUnderTest emitter;

    private static RouterSpy router;

    private static ReceptorClient receptor;

    @BeforeAll
    static void start() {
        receptorService = startReceptor();
        receptor = receptorService.client();
        heartbeat();
        router = RouterSpy.start(NatsServer.shared().url(), 1);
        emitter = startEmitter(receptorService, NatsServer.shared().url(), Map.of());
    }

    /** The cells' agents heartbeat, as they would every few seconds. */
    @BeforeEach
    void cellsAlive() {
        heartbeat();
    }

    private static void heartbeat() {
        receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of()));
        receptor.heartbeat("cell-b", ApiFixtures.cell("cell-b", "z2", List.of()));
        receptor.heartbeat("cell-dmz", ApiFixtures.cell("cell-dmz", "z1", List.of("dmz")));
    }

    @AfterAll
    static void stop() {
        emitter.close();
        router.close();
        receptorService.close();
    }

    @Test
    void anInstanceThatBecomesRunningIsRegisteredExactlyAsGorouterReadsIt() {
        receptor.desireLrp(webApp("running-app", 1, "running.example.com"));
        ActualLrp running = Instances.run(receptor, "cell-a", "running-app", 0, "10.1.0.1", 61001);
        JsonNode expected = expectedMessage(running, "running.example.com", 61001, "z1", null);
        Eventually.untilPasses(WITHIN,
                () -> assertThat(router.heard("router.register", "running.example.com"))
                    .extracting(RouterSpy.Heard::json)
                    .contains(expected));
    }

    @Test
    void scalingDownUnregistersTheRetiredInstance() {
        receptor.desireLrp(webApp("scaled-app", 2, "scaled.example.com"));
        Instances.run(receptor, "cell-a", "scaled-app", 0, "10.2.0.1", 61001);
        ActualLrp second = Instances.run(receptor, "cell-b", "scaled-app", 1, "10.2.0.2", 61002);
        awaitRegistered("scaled.example.com", "10.2.0.2");
        receptor.updateDesiredLrp("scaled-app", new DesiredLrpUpdate(1, null, null, null, null));
        JsonNode expected = expectedMessage(second, "scaled.example.com", 61002, "z2", null);
        Eventually.untilPasses(WITHIN,
                () -> assertThat(router.heard("router.unregister", "scaled.example.com"))
                    .extracting(RouterSpy.Heard::json)
                    .containsOnly(expected));
    }

    @Test
    void aCrashUnregistersTheInstance() {
        receptor.desireLrp(webApp("crashing-app", 1, "crashing.example.com"));
        ActualLrp running = Instances.run(receptor, "cell-a", "crashing-app", 0, "10.3.0.1", 61001);
        awaitRegistered("crashing.example.com", "10.3.0.1");
        Instances.crash(receptor, running);
        JsonNode expected = expectedMessage(running, "crashing.example.com", 61001, "z1", null);
        Eventually.untilPasses(WITHIN,
                () -> assertThat(router.heard("router.unregister", "crashing.example.com"))
                    .extracting(RouterSpy.Heard::json)
                    .contains(expected));
        Eventually.await(WITHIN, "the unregister sent again 3 times, at the router's interval",
                () -> router.heard("router.unregister", "crashing.example.com").size() >= 4);
        assertThat(router.heard("router.unregister", "crashing.example.com")).extracting(RouterSpy.Heard::json)
            .containsOnly(expected);
    }

    @Test
    void aLostCellsInstanceStaysRoutedOnItsShardUntilItsReplacementIsRegistered() {
        receptor.heartbeat("cell-doomed", ApiFixtures.cell("cell-doomed", "z3", List.of("dmz"), 300));
        receptor.desireLrp(webApp("stranded-app", 1, "stranded.example.com"));
        ActualLrp running = Instances.run(receptor, "cell-doomed", "stranded-app", 0, "10.4.0.1", 61001);
        awaitRegistered("stranded.example.com", "10.4.0.1");

        loseCell("cell-doomed", List.of("dmz"), "stranded-app");
        emitter.bean(RouteEmitter.class).sync();
        RawHttp http = new RawHttp(emitter.uri());
        String token = TestTokens.withScopes("routes.read");
        assertThat(http.send("GET", "/v1/routes?router_tags=dmz", token, null).body())
            .as("still on its shard after a sync that no longer lists its cell")
            .contains("10.4.0.1");
        assertThat(http.send("GET", "/v1/routes", token, null).body()).doesNotContain("stranded.example.com");
        ActualLrp replacement = Instances.run(receptor, "cell-dmz", "stranded-app", 0, "10.4.0.2", 61002);

        JsonNode unregistered = expectedMessage(running, "stranded.example.com", 61001, "z3", "dmz");
        Eventually.untilPasses(WITHIN,
                () -> assertThat(router.heard("router.unregister", "stranded.example.com"))
                    .extracting(RouterSpy.Heard::json)
                    .contains(unregistered));
        List<RouterSpy.Heard> heard = router.heard().stream().filter(h -> h.isFor("stranded.example.com")).toList();
        int firstNewRegister = indexOf(heard, "router.register", "10.4.0.2");
        int firstOldUnregister = indexOf(heard, "router.unregister", "10.4.0.1");
        assertThat(firstNewRegister).isNotNegative().isLessThan(firstOldUnregister);
        assertThat(heard.get(firstNewRegister).json())
            .isEqualTo(expectedMessage(replacement, "stranded.example.com", 61002, "z1", "dmz"));
        assertThat(heard).as("the old endpoint never left its zone and shard")
            .filteredOn(h -> h.payload().contains("\"host\":\"10.4.0.1\""))
            .extracting(RouterSpy.Heard::json)
            .allSatisfy(message -> assertThat(message).isEqualTo(unregistered));
    }

    @Test
    void aLostCellThatComesBackKeepsItsInstanceRoutedThroughout() {
        receptor.heartbeat("cell-returning", ApiFixtures.cell("cell-returning", "z3", List.of(), 300));
        receptor.desireLrp(webApp("returning-app", 1, "returning.example.com"));
        Instances.run(receptor, "cell-returning", "returning-app", 0, "10.9.0.1", 61001);
        awaitRegistered("returning.example.com", "10.9.0.1");

        loseCell("cell-returning", List.of(), "returning-app");
        emitter.bean(RouteEmitter.class).sync();
        receptor.heartbeat("cell-returning", ApiFixtures.cell("cell-returning", "z3", List.of(), 300));
        assertThat(receptor.actualLrps("returning-app")).singleElement()
            .satisfies(instance -> assertThat(instance.presence()).isEqualTo(ActualLrpPresence.ORDINARY));
        int registers = router.heard("router.register", "returning.example.com").size();
        Eventually.await(WITHIN, "two more registrations at the router's 1 s interval",
                () -> router.heard("router.register", "returning.example.com").size() >= registers + 2);

        assertThat(router.heard("router.unregister", "returning.example.com")).isEmpty();
        assertThat(router.heard("router.register", "returning.example.com")).extracting(RouterSpy.Heard::json)
            .allSatisfy(message -> assertThat(message.path("availability_zone").asString()).isEqualTo("z3"));
    }

    @Test
    void hostnamesAddedAndRemovedOnTheDesiredLrpAreRegisteredAndUnregistered() {
        receptor.desireLrp(webApp("renamed-app", 1, "old-name.example.com"));
        ActualLrp running = Instances.run(receptor, "cell-a", "renamed-app", 0, "10.5.0.1", 61001);
        awaitRegistered("old-name.example.com", "10.5.0.1");
        receptor.updateDesiredLrp("renamed-app",
                new DesiredLrpUpdate(null, cfRouter("new-name.example.com"), null, null, null));
        Eventually.untilPasses(WITHIN, () -> {
            assertThat(router.heard("router.register", "new-name.example.com")).extracting(RouterSpy.Heard::json)
                .contains(expectedMessage(running, "new-name.example.com", 61001, "z1", null));
            assertThat(router.heard("router.unregister", "old-name.example.com")).extracting(RouterSpy.Heard::json)
                .contains(expectedMessage(running, "old-name.example.com", 61001, "z1", null));
        });
        assertThat(router.heard("router.unregister", "new-name.example.com")).isEmpty();
    }

    @Test
    void aRollingRolloutKeepsTheOldInstanceRoutedUntilTheNewOneIsRegistered() {
        receptor.desireLrp(webApp("rolling-app", 1, "rolling.example.com"));
        ActualLrp old = Instances.run(receptor, "cell-a", "rolling-app", 0, "10.6.0.1", 61001);
        awaitRegistered("rolling.example.com", "10.6.0.1");
        receptor.evacuate("rolling-app", 0, old.instanceGuid());
        ActualLrp replacement = Instances.run(receptor, "cell-b", "rolling-app", 0, "10.6.0.2", 61002);
        Eventually.untilPasses(WITHIN,
                () -> assertThat(router.heard("router.unregister", "rolling.example.com")).isNotEmpty());
        List<RouterSpy.Heard> heard = router.heard().stream().filter(h -> h.isFor("rolling.example.com")).toList();
        int firstNewRegister = indexOf(heard, "router.register", "10.6.0.2");
        int firstOldUnregister = indexOf(heard, "router.unregister", "10.6.0.1");
        assertThat(firstNewRegister).isNotNegative().isLessThan(firstOldUnregister);
        assertThat(heard.get(firstNewRegister).json())
            .isEqualTo(expectedMessage(replacement, "rolling.example.com", 61002, "z2", null));
        assertThat(heard).filteredOn(h -> h.subject().equals("router.unregister"))
            .allMatch(h -> h.payload().contains("\"host\":\"10.6.0.1\""));
    }

    @Test
    void everyRouteIsRegisteredAgainAtTheIntervalTheRouterAnswered() {
        receptor.desireLrp(webApp("steady-app", 1, "steady.example.com"));
        Instances.run(receptor, "cell-a", "steady-app", 0, "10.7.0.1", 61001);
        Eventually.await(WITHIN, "three registrations of an unchanged route at the router's 1 s interval",
                () -> router.heard("router.register", "steady.example.com").size() >= 3);
        List<RouterSpy.Heard> registers = router.heard("router.register", "steady.example.com");
        assertThat(registers).extracting(RouterSpy.Heard::payload).containsOnly(registers.get(0).payload());
    }

    @Test
    void aDmzInstanceCarriesItsSegmentAndOnlyTheDmzTableHasIt() {
        receptor.desireLrp(webApp("dmz-app", 1, "dmz.example.com"));
        ActualLrp running = Instances.run(receptor, "cell-dmz", "dmz-app", 0, "10.8.0.1", 61001);
        JsonNode expected = expectedMessage(running, "dmz.example.com", 61001, "z1", "dmz");
        Eventually.untilPasses(WITHIN,
                () -> assertThat(router.heard("router.register", "dmz.example.com")).extracting(RouterSpy.Heard::json)
                    .contains(expected));
        RawHttp http = new RawHttp(emitter.uri());
        String token = TestTokens.withScopes("routes.read");
        assertThat(http.send("GET", "/v1/routes?router_tags=dmz", token, null).body()).contains("dmz.example.com");
        assertThat(http.send("GET", "/v1/routes", token, null).body()).doesNotContain("dmz.example.com");
        assertThat(http.send("GET", "/v1/routes?sharding_mode=all", token, null).body()).contains("dmz.example.com");
    }

    /**
     * The cell's last heartbeat asks for a 1 s TTL; convergence then finds it gone and
     * makes the process's instance there suspect.
     */
    private static void loseCell(String cellId, List<String> placementTags, String processGuid) {
        receptor.heartbeat(cellId, ApiFixtures.cell(cellId, "z3", placementTags, 1));
        Eventually.untilPasses(WITHIN, () -> {
            converge(receptorService);
            assertThat(receptor.actualLrps(processGuid)).extracting(ActualLrp::presence)
                .contains(ActualLrpPresence.SUSPECT);
        });
    }

    private static void awaitRegistered(String hostname, String host) {
        Eventually.await(WITHIN, hostname + " registered at " + host,
                () -> router.heard("router.register", hostname)
                    .stream()
                    .anyMatch(h -> h.payload().contains("\"host\":\"" + host + "\"")));
    }

    private static int indexOf(List<RouterSpy.Heard> heard, String subject, String host) {
        for (int i = 0; i < heard.size(); i++) {
            if (heard.get(i).subject().equals(subject)
                    && heard.get(i).payload().contains("\"host\":\"" + host + "\"")) {
                return i;
            }
        }
        return -1;
    }

}
