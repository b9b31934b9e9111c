package io.corral.receptor.lrp;

import static io.corral.testsupport.ApiAssertions.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What ssh-auth-service asks of the receptor: an app's desired LRPs (its versions) newest
 * first, and tainted instances.
 */
class SshSupportIntegrationTest extends ReceptorIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void anAppsVersionsAreListedNewestFirst() throws InterruptedException {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(version("ver-a-1", "app-versions"));
        Thread.sleep(5);
        receptor.desireLrp(version("ver-a-2", "app-versions"));
        receptor.desireLrp(version("ver-other", "app-other"));

        assertThat(receptor.desiredLrpsOfApp("app-versions")).extracting(DesiredLrp::processGuid)
            .containsExactly("ver-a-2", "ver-a-1");
        assertThat(receptor.desiredLrpsOfApp("app-none")).isEmpty();
        new RawHttp(baseUri()).send("GET", "/v1/desired_lrps?app_guid=a%20b", TestTokens.receptorAdmin(), null)
            .assertError(400, "InvalidRequest", "app_guid");
    }

    @Test
    void aTaintedInstanceSaysSoUntilANewOneTakesItsIndex() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-t", ApiFixtures.cell("cell-t", "z1", List.of()));
        receptor.desireLrp(ApiFixtures.desiredLrp("tainting", 1));
        ActualLrp running = ApiFixtures.runInstance(receptor, "cell-t", "tainting", 0);
        assertThat(running.tainted()).isFalse();

        ActualLrp tainted = receptor.taintInstance("tainting", 0, running.instanceGuid());
        assertThat(tainted.tainted()).isTrue();
        assertThat(receptor.actualLrp("tainting", 0).tainted()).isTrue();
        assertThat(receptor.taintInstance("tainting", 0, running.instanceGuid())).isEqualTo(tainted);
        assertThat(changeEvents(running.instanceGuid())).last()
            .satisfies(change -> assertThat(change.path("actual_lrp_after").path("tainted").asBoolean()).isTrue());

        assertApiError(() -> receptor.taintInstance("tainting", 0, "an-earlier-instance"), 409, "ResourceConflict");
        assertApiError(() -> receptor.taintInstance("tainting", 5, running.instanceGuid()), 404,
                "ActualLRPIndexNotFound");
        new RawHttp(baseUri())
            .send("PUT", "/v1/actual_lrps/tainting/index/0/tainted", TestTokens.withScopes("receptor.read"),
                    "{\"instance_guid\": \"" + running.instanceGuid() + "\"}")
            .assertError(403, "Forbidden");
    }

    private static DesiredLrp version(String processGuid, String appGuid) {
        return ApiFixtures.desiredLrpBuilder(processGuid).appGuid(appGuid).build();
    }

    private List<JsonNode> changeEvents(String instanceGuid) {
        return jdbc.queryForList("""
                SELECT data FROM events WHERE type = 'actual_lrp_changed'
                AND data::json #>> '{actual_lrp_after,instance_guid}' = ? ORDER BY id""", String.class, instanceGuid)
            .stream()
            .map(ReceptorJson.mapper()::readTree)
            .toList();
    }

}
