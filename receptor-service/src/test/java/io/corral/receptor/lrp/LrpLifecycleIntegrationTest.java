package io.corral.receptor.lrp;

import static io.corral.testsupport.ApiAssertions.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.DesiredLrpUpdate;
import io.corral.receptor.api.EnvironmentVariable;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LrpLifecycleIntegrationTest extends ReceptorIntegrationTest {

    @Test
    void desiredInstanceGoesFromUnclaimedToRunningOnItsCell() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of()));
        receptor.desireLrp(ApiFixtures.desiredLrp("web", 2));

        List<ActualLrp> instances = receptor.actualLrps("web");
        assertThat(instances).extracting(ActualLrp::index).containsExactly(0, 1);
        assertThat(instances).allSatisfy(i -> {
            assertThat(i.state()).isEqualTo(ActualLrpState.UNCLAIMED);
            assertThat(i.cellId()).isNull();
        });

        ActualLrp assigned = receptor.assign("web", 0, new Assignment(instances.get(0).instanceGuid(), "cell-a", null));
        assertThat(assigned.cellId()).isEqualTo("cell-a");

        ActualLrp claimed = receptor.transition("cell-a", "web", 0, "claim", ApiFixtures.transition(assigned));
        assertThat(claimed.state()).isEqualTo(ActualLrpState.CLAIMED);

        ActualLrp running = receptor.transition("cell-a", "web", 0, "start",
                report(claimed, "10.0.0.5", List.of(new PortMapping(8080, 61001), new PortMapping(2222, 61002))));
        assertThat(running.state()).isEqualTo(ActualLrpState.RUNNING);
        assertThat(running.address()).isEqualTo("10.0.0.5");
        assertThat(running.ports()).contains(new PortMapping(2222, 61002));
        assertThat(receptor.actualLrp("web", 0)).isEqualTo(running);
    }

    @Test
    void anLrpDesiredAgainIsAConflictThatLeavesTheFirstAsItWas() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("twice", "domain-a", 2, List.of()));
        DesiredLrp first = receptor.desiredLrp("twice");
        List<ActualLrp> instances = receptor.actualLrps("twice");

        assertThat(assertApiError(() -> receptor.desireLrp(ApiFixtures.desiredLrp("twice", "domain-b", 5, List.of())),
                409, "ResourceConflict")
            .getMessage()).endsWith("desired LRP 'twice' already exists");

        assertThat(receptor.desiredLrp("twice")).isEqualTo(first);
        assertThat(receptor.actualLrps("twice")).isEqualTo(instances);
    }

    @Test
    void anLrpDesiredWithNoInstancesIsStoredWithNone() {
        ReceptorClient receptor = receptor();

        receptor.desireLrp(ApiFixtures.desiredLrp("none-yet", 0));

        assertThat(receptor.desiredLrp("none-yet").instances()).isZero();
        assertThat(receptor.actualLrps("none-yet")).isEmpty();
    }

    @Test
    void aDesiresAnswerIsTheLrpAsStored() {
        DesiredLrp request = ApiFixtures.desiredLrpBuilder("answered")
            .instances(2)
            .env(List.of(new EnvironmentVariable("GREETING", "hello")))
            .annotation("from the test")
            .build();
        RawHttp.Response answer = new RawHttp(baseUri()).send("POST", "/v1/desired_lrps", TestTokens.receptorAdmin(),
                ReceptorJson.mapper().writeValueAsString(request));

        DesiredLrp answered = ReceptorJson.mapper().treeToValue(answer.expect(201), DesiredLrp.class);

        assertThat(answered).isEqualTo(receptor().desiredLrp("answered"));
        assertThat(answered.toBuilder().modificationTag(null).build()).isEqualTo(request);
        // The same values again change nothing: the definition is stored as an update
        // writes it.
        receptor().updateDesiredLrp("answered",
                new DesiredLrpUpdate(2, request.routes(), "from the test", request.placementTags(), null));
        assertThat(receptor().desiredLrp("answered").modificationTag()).isEqualTo(answered.modificationTag());
    }

    @Test
    void oneAssignmentNeedsAPresentCellAndAnExistingIndex() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-here", ApiFixtures.cell("cell-here", "z1", List.of()));
        receptor.desireLrp(ApiFixtures.desiredLrp("placed", 1));
        String instanceGuid = receptor.actualLrp("placed", 0).instanceGuid();

        assertThat(assertApiError(() -> receptor.assign("placed", 0, new Assignment(instanceGuid, "cell-gone", null)),
                409, "ResourceConflict")
            .getMessage()).contains("cell 'cell-gone' is not present");
        assertApiError(() -> receptor.assign("placed", 1, new Assignment(null, "cell-here", null)), 404,
                "ActualLRPIndexNotFound");
        receptor.heartbeat("cell-leaving", ApiFixtures.cell("cell-leaving", "z1", List.of(), 1));
        Eventually.await(Duration.ofSeconds(10), "cell-leaving's heartbeat expired",
                () -> receptor.cells().stream().noneMatch(cell -> cell.cellId().equals("cell-leaving")));
        assertThat(
                assertApiError(() -> receptor.assign("placed", 0, new Assignment(instanceGuid, "cell-leaving", null)),
                        409, "ResourceConflict")
                    .getMessage())
            .contains("cell 'cell-leaving' is not present");
        assertThat(receptor.actualLrp("placed", 0).cellId()).isNull();

        assertThat(receptor.assign("placed", 0, new Assignment(instanceGuid, "cell-here", null)).cellId())
            .isEqualTo("cell-here");
    }

    @Test
    void crashRestartsAtOnceThreeTimesThenWaits() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of()));
        receptor.desireLrp(ApiFixtures.desiredLrp("crashy", 1));

        for (int crash = 1; crash <= 4; crash++) {
            ActualLrp running = ApiFixtures.runInstance(receptor, "cell-a", "crashy", 0);
            ActualLrp crashed = receptor.transition("cell-a", "crashy", 0, "crash", new InstanceTransition(
                    running.instanceGuid(), running.modificationTag(), null, null, "exit 1", null));
            assertThat(crashed.crashCount()).isEqualTo(crash);
            assertThat(crashed.crashReason()).isEqualTo("exit 1");
            assertThat(crashed.state()).isEqualTo(crash <= 3 ? ActualLrpState.UNCLAIMED : ActualLrpState.CRASHED);
            if (crash <= 3) {
                assertThat(crashed.instanceGuid()).as("a restart is a new incarnation")
                    .isNotEqualTo(running.instanceGuid());
            }
        }
    }

    @Test
    void scalingAddsAndRetiresIndicesAndDeletingRetiresAll() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("scaler", 3));

        receptor.updateDesiredLrp("scaler", new DesiredLrpUpdate(5, null, null, null, null));
        assertThat(receptor.actualLrps("scaler")).extracting(ActualLrp::index).containsExactly(0, 1, 2, 3, 4);

        receptor.updateDesiredLrp("scaler", new DesiredLrpUpdate(1, null, "v2", null, null));
        assertThat(receptor.actualLrps("scaler")).extracting(ActualLrp::index).containsExactly(0);
        assertThat(receptor.desiredLrp("scaler").annotation()).isEqualTo("v2");

        receptor.removeDesiredLrp("scaler");
        assertThat(receptor.actualLrps("scaler")).isEmpty();
        assertApiError(() -> receptor.desiredLrp("scaler"), 404, "DesiredLRPNotFound");
    }

    @Test
    void desiredLrpsAreListedInFullAndByDomain() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("listed-b", "domain-b", 1, List.of()));
        receptor.desireLrp(ApiFixtures.desiredLrp("listed-a", "domain-a", 2, List.of("dmz")));

        assertThat(receptor.desiredLrps()).extracting(DesiredLrp::processGuid)
            .containsSubsequence("listed-a", "listed-b");
        assertThat(receptor.desiredLrps("domain-a")).singleElement().satisfies(lrp -> {
            assertThat(lrp.instances()).isEqualTo(2);
            assertThat(lrp.placementTags()).containsExactly("dmz");
            assertThat(lrp.modificationTag()).isNotNull();
        });
        assertThat(receptor.desiredLrps("no-such-domain")).isEmpty();
    }

    @Test
    void staleModificationTagIsAConflict() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of()));
        receptor.desireLrp(ApiFixtures.desiredLrp("stale", 1));
        ActualLrp unclaimed = receptor.actualLrp("stale", 0);
        ActualLrp assigned = receptor.assign("stale", 0, new Assignment(unclaimed.instanceGuid(), "cell-a", null));

        assertApiError(() -> receptor.transition("cell-a", "stale", 0, "claim", ApiFixtures.transition(unclaimed)), 409,
                "ResourceConflict");
        assertThat(receptor.actualLrp("stale", 0)).isEqualTo(assigned);
    }

    private static InstanceTransition report(ActualLrp lrp, String address, List<PortMapping> ports) {
        return new InstanceTransition(lrp.instanceGuid(), lrp.modificationTag(), address, ports, null, null);
    }

}
