package io.corral.routes.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceptorRecordsTest {

    @Test
    void aRouteServiceThatIsNotHttpsIsLeftOutSoGorouterKeepsTheRoute() {
        DesiredRoutes routes = routes("[{\"hostnames\": [\"a.example.com\"], \"port\": 8080, "
                + "\"route_service_url\": \"http://rs.example.com\"}, {\"hostnames\": [\"b.example.com\"], "
                + "\"port\": 8080, \"route_service_url\": \"HTTPS://rs.example.com\"}]");
        assertThat(routes.http()).extracting(HttpRoute::routeServiceUrl)
            .containsExactly(null, "HTTPS://rs.example.com");
    }

    @Test
    void malformedEntriesAreSkippedAndTheOthersKept() {
        DesiredRoutes routes = routes("[{\"hostnames\": \"a.example.com\", \"port\": 8080}, {\"port\": 0, "
                + "\"hostnames\": [\"b\"]}, 7, {\"hostnames\": [\"c.example.com\"], \"port\": 8080}]");
        assertThat(routes.http()).extracting(HttpRoute::hostnames).containsExactly(List.of("c.example.com"));
    }

    @Test
    void aCellIsolatesByItsRequiredTagsSortedAndJoined() {
        assertThat(ReceptorRecords.cellPlacement(ApiFixtures.cell("c", "z1", List.of("pci", "dmz"))))
            .isEqualTo(new CellPlacement("z1", "dmz,pci"));
        assertThat(ReceptorRecords.cellPlacement(ApiFixtures.cell("c", "z1", List.of())))
            .isEqualTo(new CellPlacement("z1", null));
    }

    private static DesiredRoutes routes(String cfRouter) {
        return ReceptorRecords.desiredRoutes(ApiFixtures.desiredLrpBuilder("web")
            .routes(Map.of(ReceptorRecords.HTTP_ROUTER, ReceptorJson.mapper().readTree(cfRouter)))
            .build());
    }

}
