package io.corral.routes;

import io.corral.testsupport.nats.NatsServer;
import io.corral.testsupport.nats.RouterSpy;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.routes.emitter.RouteLeader;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.DatabaseOutage;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TestTokens;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The route emitter while its own database, which holds its lease, is unreachable (cut
 * off by a proxy, a real PostgreSQL behind it; the receptor's stays up) and after it
 * returns: readiness is DOWN and the lease lapses, the HTTP route table still follows the
 * receptor; once the database is back it is ready again, leads again and routers hear
 * what changed meanwhile, without a restart.
 */
class DatabaseOutageIntegrationTest extends RoutesIntegrationTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private static final String BEFORE = "db-outage-before.example.com";

    private static final String DURING = "db-outage-during.example.com";

    @Test
    void theEmitterLosesOnlyItsLeaseWhileItsDatabaseIsUnreachableAndRecoversByItself() {
        NatsServer nats = NatsServer.shared();
        try (DatabaseOutage outage = new DatabaseOutage();
                ServiceUnderTest receptorService = startReceptor();
                ServiceUnderTest emitter = startEmitter(receptorService, nats.url(), settings(outage));
                RouterSpy router = RouterSpy.start(nats.url(), 3600)) {
            var receptor = receptorService.client();
            RouteLeader leader = emitter.bean(RouteLeader.class);
            receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of(), 3600));
            receptor.desireLrp(webApp("db-outage-before", 1, BEFORE));
            Instances.run(receptor, "cell-a", "db-outage-before", 0, "10.10.0.1", 61001);
            Eventually.await(LIMIT, "registered", () -> !router.heard("router.register", BEFORE).isEmpty());

            outage.cut(emitter);

            Eventually.await(LIMIT, "the replica stops leading without the database", () -> !leader.isLeader());
            receptor.desireLrp(webApp("db-outage-during", 1, DURING));
            Instances.run(receptor, "cell-a", "db-outage-during", 0, "10.10.0.2", 61003);
            Eventually.await(LIMIT, "the HTTP table follows the receptor without the database",
                    () -> routes(emitter).contains(DURING));
            assertThat(routes(emitter)).contains(BEFORE);

            outage.restore(emitter);

            Eventually.await(LIMIT, "the replica leads again and routers hear the route added meanwhile",
                    () -> !router.heard("router.register", DURING).isEmpty());
        }
    }

    /**
     * The default lease TTL, longer than the outage usually lasts: the replica takes the
     * lease back before it lapsed, and must still publish what it missed meanwhile.
     */
    private static Map<String, String> settings(DatabaseOutage outage) {
        Map<String, String> settings = new HashMap<>(outage.dataSource());
        settings.put("corral.routes.lease-ttl", "15s");
        return settings;
    }

    private static String routes(ServiceUnderTest emitter) {
        return DatabaseOutage.answeringPromptly(emitter)
            .send("GET", "/v1/routes?sharding_mode=all", TestTokens.withScopes("routes.read"), null)
            .expect(200)
            .toString();
    }

}
