package io.corral.routes;

import io.corral.testsupport.nats.RouterSpy;
import io.corral.testsupport.nats.NatsServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ServiceUnderTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The greeting and announcements between the emitter and routers, on a NATS server of
 * this test's own (so no other emitter's messages count): greet until answered,
 * {@code router.start} has every route registered again, and a malformed one is ignored.
 */
class RouterHandshakeIntegrationTest extends RoutesIntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    private static NatsServer nats;

    private static ServiceUnderTest receptorService;

    private static ServiceUnderTest emitter;

    private static RouterSpy router;

    private static ReceptorClient receptor;

    @BeforeAll
    static void start() {
        nats = NatsServer.own();
        router = RouterSpy.start(nats.url(), 0);
        receptorService = startReceptor();
        receptor = receptorService.client();
        receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of(), 3600));
        emitter = startEmitter(receptorService, nats.url(),
                Map.of("corral.routes.register-interval", "1h", "corral.routes.nats.start-jitter", "500ms"));
    }

    @AfterAll
    static void stop() {
        emitter.close();
        router.close();
        receptorService.close();
        nats.close();
    }

    @Test
    void theEmitterGreetsWithAReplyInboxUntilARouterAnswersThenRouterStartRegistersEverythingAgain() {
        Eventually.await(WITHIN, "router.greet sent again while no router answers",
                () -> router.heard().stream().filter(h -> h.subject().equals("router.greet")).count() >= 2);
        router.answerGreetingsWith(3600);
        receptor.desireLrp(webApp("announced-app", 1, "announced.example.com"));
        Instances.run(receptor, "cell-a", "announced-app", 0, "10.9.0.1", 61001);
        Eventually.await(WITHIN, "the new route registered",
                () -> router.heard("router.register", "announced.example.com").size() == 1);

        router.announceStart(RouterSpy.greeting(3600));

        Eventually.await(WITHIN, "every route registered again after router.start",
                () -> router.heard("router.register", "announced.example.com").size() >= 2);
    }

    @Test
    void malformedRouterStartPayloadsAreIgnoredAndRoutesStillFlow() {
        router.announceStart("not json");
        router.announceStart("{\"minimumRegisterIntervalInSeconds\": \"soon\"}");
        router.announceStart("[1, 2]");
        router.announceStart("{\"minimumRegisterIntervalInSeconds\": -5}");
        receptor.desireLrp(webApp("after-garbage", 1, "after-garbage.example.com"));
        Instances.run(receptor, "cell-a", "after-garbage", 0, "10.9.0.2", 61002);
        Eventually.await(WITHIN, "routes still published after malformed announcements",
                () -> !router.heard("router.register", "after-garbage.example.com").isEmpty());
        assertThat(new RawHttp(emitter.uri()).send("GET", "/actuator/health", null, null).status()).isEqualTo(200);
    }

}
