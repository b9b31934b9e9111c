package io.corral.placement.auctioneer;

import static io.corral.testsupport.ApiFixtures.cell;
import static io.corral.testsupport.ApiFixtures.desiredLrp;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.PlacementIntegrationTest;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PlacementQueriesIntegrationTest extends PlacementIntegrationTest {

    @BeforeEach
    void cells() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("ab-z1", cell("ab-z1", "z1", List.of("alpha", "beta")));
        receptor.heartbeat("ab-z2", cell("ab-z2", "z2", List.of("alpha", "beta")));
        receptor.heartbeat("a-z1", cell("a-z1", "z1", List.of("alpha")));
    }

    @Test
    void explainRanksTheCellsThatCouldTakeAnInstanceAndSaysWhyTheOthersCannot() {
        receptor().desireLrp(desiredLrp("explained", "cf-apps", 2, List.of("alpha", "beta")));
        Eventually.await(Duration.ofSeconds(20), "placed",
                () -> receptor().actualLrps("explained").stream().allMatch(lrp -> lrp.cellId() != null));

        JsonNode explanation = admin().get("/v1/placement/explain?process_guid=explained&index=0").expect(200);

        assertThat(explanation.path("rules").path("required_tags").toString()).isEqualTo("[\"alpha\",\"beta\"]");
        assertThat(explanation.path("chosen_cell_id").asString()).isIn("ab-z1", "ab-z2");
        JsonNode cells = explanation.path("cells");
        assertThat(cells).hasSize(3);
        assertThat(cells.get(0).path("cell_id").asString()).isEqualTo(explanation.path("chosen_cell_id").asString());
        assertThat(cells.get(0).path("score").path("zone_instances").asInt()).isZero();
        assertThat(cells.get(2).path("cell_id").asString()).isEqualTo("a-z1");
        assertThat(cells.get(2).path("rejections").get(0).asString()).isEqualTo("lacks required tag beta");
    }

    @Test
    void explainOfAnIndexWithoutAnInstanceIsNotFound() {
        admin().get("/v1/placement/explain?process_guid=nobody&index=0")
            .assertError(404, "ActualLRPIndexNotFound", "nobody");
        admin().get("/v1/placement/explain?process_guid=bad%20guid&index=0").assertError(400, "InvalidRequest");
    }

    @Test
    void violationsListThePlacedInstancesAConstraintChangeLeftOnCellsItNoLongerAllows() {
        receptor().desireLrp(inSpace(desiredLrp("violator", "cf-apps", 1, List.of("alpha")), "space-v"));
        receptor().desireLrp(inSpace(desiredLrp("compliant", "cf-apps", 1, List.of("alpha")), "space-ok"));
        Eventually.await(Duration.ofSeconds(20), "placed",
                () -> receptor().actualLrps()
                    .stream()
                    .filter(lrp -> lrp.processGuid().equals("violator") || lrp.processGuid().equals("compliant"))
                    .allMatch(lrp -> "a-z1".equals(lrp.cellId())));
        assertThat(admin().get("/v1/placement_constraints/violations").expect(200)).isEmpty();

        JsonNode change = admin()
            .put("/v1/spaces/space-v/placement_constraints/running", "{\"forbidden_tags\": [\"alpha\"]}")
            .expect(200);
        JsonNode violations = admin().get("/v1/placement_constraints/violations").expect(200);

        assertThat(violations).hasSize(1);
        assertThat(violations).isEqualTo(change.path("violations"));
        assertThat(violations.get(0).path("process_guid").asString()).isEqualTo("violator");
        assertThat(violations.get(0).path("cell_id").asString()).isEqualTo("a-z1");
        assertThat(violations.get(0).path("reasons").get(0).asString()).contains("alpha");
        admin().as(TestTokens.withScopes("receptor.read"))
            .get("/v1/placement_constraints/violations")
            .assertError(403, "Forbidden");
    }

    @Test
    void simulatePlacesAHypotheticalLrpWithoutPlacingAnything() {
        JsonNode simulation = admin().post("/v1/placement/simulate", """
                {"instances": 4, "rootfs": "preloaded:cflinuxfs4", "memory_mb": 1024, "disk_mb": 1024,
                 "placement_tags": ["alpha", "beta"]}""").expect(200);
        JsonNode impossible = admin().post("/v1/placement/simulate", """
                {"instances": 1, "rootfs": "preloaded:cflinuxfs4", "memory_mb": 999999}""").expect(200);

        assertThat(simulation.path("placements")).hasSize(4);
        assertThat(simulation.path("instances_per_zone").path("z1").asInt()).isEqualTo(2);
        assertThat(simulation.path("instances_per_zone").path("z2").asInt()).isEqualTo(2);
        assertThat(impossible.path("failures").get(0).path("placement_error").asString())
            .isEqualTo("found no compatible cell");
        assertThat(receptor().actualLrps()).noneMatch(lrp -> lrp.processGuid().startsWith("("));
    }

    private static DesiredLrp inSpace(DesiredLrp lrp, String spaceGuid) {
        return lrp.toBuilder().spaceGuid(spaceGuid).build();
    }

    @Test
    void simulateRefusesNonsense() {
        admin().post("/v1/placement/simulate", "{\"instances\": 0, \"rootfs\": \"docker\"}")
            .assertError(400, "InvalidRequest", "instances");
        admin().post("/v1/placement/simulate", "{\"instances\": 1, \"rootfs\": \"docker\", \"lifecycle\": \"build\"}")
            .assertError(400, "InvalidRequest", "lifecycle");
    }

}
