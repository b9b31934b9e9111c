package io.corral.placement;

import static io.corral.testsupport.ApiFixtures.cell;
import static io.corral.testsupport.ApiFixtures.desiredLrp;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.auctioneer.Auctioneer;
import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.DatabaseOutage;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TestTokens;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The placement service while its own database is unreachable (cut off by a proxy, a real
 * PostgreSQL behind it; the receptor's stays up) and after it returns: constraint reads
 * and writes are answered 503 DatabaseUnavailable, readiness is DOWN and the auction's
 * lease lapses; once the database is back it is ready again, leads the auction again and
 * places new instances, and the constraint acknowledged before is there, without a
 * restart.
 */
class DatabaseOutageIntegrationTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private static final String BEFORE = "/v1/spaces/space-before/placement_constraints/running";

    private static final String DURING = "/v1/spaces/space-during/placement_constraints/running";

    private static final String ADMIN = TestTokens.withScopes("placement.admin");

    @Test
    void placementAnswersFastWhileItsDatabaseIsUnreachableAndRecoversByItself() {
        try (DatabaseOutage outage = new DatabaseOutage();
                ServiceUnderTest receptorService = ServiceUnderTest.start(ReceptorApplication.SERVICE,
                        Map.of("corral.convergence.interval", "1h"))) {
            Map<String, String> settings = new HashMap<>(outage.dataSource());
            settings.put("corral.receptor.url", receptorService.uri().toString());
            settings.put("corral.placement.auction.lease-ttl", "3s");
            try (ServiceUnderTest placement = ServiceUnderTest.start(PlacementApplication.SERVICE, settings)) {
                ReceptorClient receptor = receptorService.client();
                AdminHttp admin = new AdminHttp(placement.uri(), ADMIN);
                Auctioneer auctioneer = placement.bean(Auctioneer.class);
                receptor.heartbeat("cell-1", cell("cell-1", "z1", List.of(), 3600));
                admin.put(BEFORE, "{\"max_instances_per_cell\": 3}").expect(200);
                receptor.desireLrp(desiredLrp("before-outage", 1));
                awaitPlaced(receptor, "before-outage");

                outage.cut(placement);

                RawHttp promptly = DatabaseOutage.answeringPromptly(placement);
                promptly.send("PUT", DURING, ADMIN, "{\"max_instances_per_cell\": 3}")
                    .assertError(503, "DatabaseUnavailable");
                promptly.send("GET", BEFORE, ADMIN, null).assertError(503, "DatabaseUnavailable");
                Eventually.await(LIMIT, "the replica stops leading the auction without the database",
                        () -> !auctioneer.isLeader());

                outage.restore(placement);

                assertThat(admin.get(BEFORE).expect(200).path("max_instances_per_cell").asInt()).isEqualTo(3);
                admin.get(DURING).assertError(404, "PlacementConstraintNotFound");
                admin.put(DURING, "{\"max_instances_per_cell\": 3}").expect(200);
                receptor.desireLrp(desiredLrp("after-outage", 1));
                awaitPlaced(receptor, "after-outage");
            }
        }
    }

    private static void awaitPlaced(ReceptorClient receptor, String processGuid) {
        Eventually.await(LIMIT, processGuid + " placed", () -> receptor.actualLrp(processGuid, 0).cellId() != null);
    }

}
