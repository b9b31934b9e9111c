package io.corral.receptor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.TaskCompletion;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cell's token that names its cell ({@code cell_id} claim) acts only as that cell: on
 * by default, refusing unnamed tokens too with {@code binding: required}, off in the
 * {@code embedded} profile.
 */
class CellIdentityBindingIntegrationTest {

    private static ServiceUnderTest production;

    private static ServiceUnderTest required;

    @BeforeAll
    static void start() {
        production = ServiceUnderTest.start(ReceptorApplication.SERVICE, Map.of("corral.convergence.interval", "1h"));
        required = ServiceUnderTest.start(ReceptorApplication.SERVICE,
                Map.of("corral.convergence.interval", "1h", "corral.security.cell-identity.binding", "required"));
    }

    @AfterAll
    static void stop() {
        production.close();
        required.close();
    }

    @Test
    void aCellTokenActsAsItsOwnCell() {
        ReceptorClient cellA = new ReceptorClient(production.uri(), () -> cellToken("cell-a"));
        cellA.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of()));
        ReceptorClient admin = production.client();
        admin.desireLrp(ApiFixtures.desiredLrp("own-lrp", 1));
        ActualLrp running = ApiFixtures.claimAndStart(cellA, admin.assign("own-lrp", 0,
                new Assignment(admin.actualLrp("own-lrp", 0).instanceGuid(), "cell-a", null)));
        admin.desireTask(ApiFixtures.task("own-task", null));
        admin.assignTask("own-task", new Assignment(null, "cell-a", null));

        assertThat(running.state()).isEqualTo(ActualLrpState.RUNNING);
        assertThat(cellA.work("cell-a").actualLrps()).extracting(ActualLrp::processGuid).contains("own-lrp");
        cellA.startTask("cell-a", "own-task");
        assertThat(cellA.completeTask("cell-a", "own-task", new TaskCompletion(false, null, "ok")).failed()).isFalse();
        assertThat(cellA.evacuateCell("cell-a").evacuating()).extracting(ActualLrp::instanceGuid)
            .containsExactly(running.instanceGuid());
    }

    @Test
    void aCellTokenCannotActAsAnotherCell() {
        ReceptorClient admin = production.client();
        admin.heartbeat("cell-b", ApiFixtures.cell("cell-b", "z1", List.of()));
        admin.desireLrp(ApiFixtures.desiredLrp("other-lrp", 2));
        ActualLrp running = ApiFixtures.runInstance(admin, "cell-b", "other-lrp", 0);
        ActualLrp unclaimed = admin.assign("other-lrp", 1,
                new Assignment(admin.actualLrp("other-lrp", 1).instanceGuid(), "cell-b", null));
        admin.desireTask(ApiFixtures.task("other-task", null));
        admin.assignTask("other-task", new Assignment(null, "cell-b", null));
        String intruder = cellToken("cell-a");
        String message = "the token belongs to cell cell-a and may not act as cell cell-b";

        http(production).send("PUT", "/v1/cells/cell-b", intruder, cellJson("cell-b", "http://evil:1800"))
            .assertError(403, "Forbidden", message);
        http(production).send("GET", "/v1/cells/cell-b/work", intruder, null).assertError(403, "Forbidden", message);
        http(production).send("GET", "/v1/cells/cell%2Db/work", intruder, null).assertError(403, "Forbidden", message);
        http(production).send("POST", instancePath(unclaimed, "claim"), intruder, transitionJson(unclaimed))
            .assertError(403, "Forbidden", message);
        http(production).send("POST", instancePath(running, "crash"), intruder, transitionJson(running))
            .assertError(403, "Forbidden", message);
        http(production).send("POST", "/v1/cells/cell-b/tasks/other-task/start", intruder, null)
            .assertError(403, "Forbidden", message);
        http(production)
            .send("POST", "/v1/cells/cell-b/tasks/other-task/complete", intruder,
                    "{\"failed\": true, \"failure_reason\": \"sabotage\"}")
            .assertError(403, "Forbidden", message);
        http(production).send("POST", "/v1/cells/cell-b/evacuate", intruder, null)
            .assertError(403, "Forbidden", message);

        assertThat(admin.cells()).filteredOn(cell -> cell.cellId().equals("cell-b"))
            .extracting(Cell::repAddress, Cell::evacuating)
            .containsExactly(tuple("http://cell-b.cells:1800", false));
        assertThat(admin.actualLrp("other-lrp", 0)).isEqualTo(running);
        assertThat(admin.actualLrp("other-lrp", 1)).isEqualTo(unclaimed);
        assertThat(admin.task("other-task").state()).hasToString("CLAIMED");
    }

    @Test
    void aTokenNamingNoCellActsAsAnyCellUnlessBindingIsRequired() {
        String unnamed = TestTokens.withScopes("cells.write");

        http(production).send("PUT", "/v1/cells/cell-c", unnamed, cellJson("cell-c", "http://cell-c:1800")).expect(200);
        http(required).send("PUT", "/v1/cells/cell-c", unnamed, cellJson("cell-c", "http://cell-c:1800"))
            .assertError(403, "Forbidden", "the token names no cell (claim cell_id)", "cell-c");
        http(required).send("GET", "/v1/cells/cell-c/work", unnamed, null).assertError(403, "Forbidden");

        assertThat(required.client().cells()).isEmpty();
        http(required).send("PUT", "/v1/cells/cell-c", cellToken("cell-c"), cellJson("cell-c", "http://cell-c:1800"))
            .expect(200);
        assertThat(required.client().cells()).extracting(Cell::cellId).containsExactly("cell-c");
    }

    @Test
    void theEmbeddedProfileIgnoresTheClaimUnlessTold() {
        try (ServiceUnderTest embedded = ServiceUnderTest.start(ReceptorApplication.SERVICE,
                Map.of("spring.profiles.active", "embedded", "corral.embedded-postgres.enabled", "false"))) {
            http(embedded).send("PUT", "/v1/cells/cell-d", cellToken("cell-a"), cellJson("cell-d", "http://d:1800"))
                .expect(200);
        }
    }

    private static String cellToken(String cellId) {
        return TestTokens.withClaims(Map.of("cell_id", cellId), "cells.write");
    }

    private static String instancePath(ActualLrp lrp, String action) {
        return "/v1/cells/" + lrp.cellId() + "/actual_lrps/" + lrp.processGuid() + "/index/" + lrp.index() + "/"
                + action;
    }

    private static String transitionJson(ActualLrp lrp) {
        return ReceptorJson.mapper().writeValueAsString(ApiFixtures.transition(lrp));
    }

    private static String cellJson(String cellId, String repAddress) {
        Cell cell = ApiFixtures.cell(cellId, "z1", List.of());
        return ReceptorJson.mapper()
            .writeValueAsString(new Cell(cellId, cell.zone(), repAddress, cell.capacity(), cell.placementTags(),
                    cell.optionalPlacementTags(), cell.rootfsProviders(), cell.ttlSeconds(), null));
    }

    private static RawHttp http(ServiceUnderTest service) {
        return new RawHttp(service.uri());
    }

}
