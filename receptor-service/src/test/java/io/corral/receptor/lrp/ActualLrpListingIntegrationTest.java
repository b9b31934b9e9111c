package io.corral.receptor.lrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorJson;
import io.corral.receptor.convergence.ConvergenceRunner;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The listings of every instance, written from database rows, say exactly what the
 * instances read one process at a time (through their entities) say, byte for byte, in
 * every state an instance can be in.
 */
class ActualLrpListingIntegrationTest extends ReceptorIntegrationTest {

    /** More than one fetch of the listing's cursor. */
    private static final int MANY = 1_200;

    @Autowired
    private ActualLrpService instances;

    @Autowired
    private ConvergenceRunner convergence;

    @Test
    void listingsAnswerWhatEachInstanceReadsAsInEveryStateAndDomain() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of()));
        receptor.heartbeat("cell-b", ApiFixtures.cell("cell-b", "z2", List.of()));
        receptor.desireLrp(ApiFixtures.desiredLrp("listing-a", 5));
        receptor.desireLrp(ApiFixtures.desiredLrp("listing-b", "other-domain", 2, List.of()));
        receptor.desireLrp(ApiFixtures.desiredLrp("listing-c", 1));
        receptor.desireLrp(ApiFixtures.desiredLrp("listing-d", MANY));

        ActualLrp crashing = ApiFixtures.runInstance(receptor, "cell-a", "listing-a", 0);
        receptor.transition("cell-a", "listing-a", 0, "crash", new InstanceTransition(crashing.instanceGuid(),
                crashing.modificationTag(), null, null, "exit 137: \"out of memory\"\n\u00e9t\u00e9 \u2603", null));
        ActualLrp evacuee = ApiFixtures.runInstance(receptor, "cell-a", "listing-a", 1);
        receptor.evacuate("listing-a", 1, evacuee.instanceGuid());
        ActualLrp tainted = ApiFixtures.runInstance(receptor, "cell-b", "listing-a", 2);
        receptor.taintInstance("listing-a", 2, tainted.instanceGuid());
        receptor.assign("listing-a", 3, new Assignment(null, null, "insufficient resources: memory"));
        ActualLrp claimed = receptor.transition("cell-b", "listing-a", 4, "claim",
                ApiFixtures.transition(receptor.assign("listing-a", 4, new Assignment(null, "cell-b", null))));
        receptor.transition("cell-b", "listing-a", 4, "start", new InstanceTransition(claimed.instanceGuid(),
                claimed.modificationTag(), "10.0.0.4", List.of(), null, null));
        receptor.assign("listing-b", 0, new Assignment(null, "cell-b", null));
        receptor.transition("cell-a", "listing-b", 1, "claim",
                ApiFixtures.transition(receptor.assign("listing-b", 1, new Assignment(null, "cell-a", null))));
        receptor.heartbeat("cell-lost", ApiFixtures.cell("cell-lost", "z3", List.of(), 300));
        ActualLrp lost = ApiFixtures.runInstance(receptor, "cell-lost", "listing-c", 0);
        loseCell("cell-lost");
        for (int index = 0; index < 3; index++) {
            ActualLrp placed = receptor.transition("cell-a", "listing-d", index, "claim",
                    ApiFixtures.transition(receptor.assign("listing-d", index, new Assignment(null, "cell-a", null))));
            receptor.transition("cell-a", "listing-d", index, "start",
                    new InstanceTransition(placed.instanceGuid(), placed.modificationTag(), "10.0.1." + index,
                            List.of(new PortMapping(8080, 61000 + index), new PortMapping(2222, 62000 + index)), null,
                            null));
        }

        String all = list("/v1/actual_lrps");
        List<ActualLrp> expected = entities("listing-a", "listing-b", "listing-c", "listing-d");
        assertThat(all).isEqualTo(ReceptorJson.mapper().writeValueAsString(expected));
        assertThat(expected).hasSize(5 + 1 + 2 + 2 + MANY)
            .extracting(ActualLrp::presence)
            .contains(ActualLrpPresence.EVACUATING, ActualLrpPresence.SUSPECT);
        assertThat(expected).extracting(ActualLrp::state)
            .contains(ActualLrpState.UNCLAIMED, ActualLrpState.CLAIMED, ActualLrpState.RUNNING);
        assertThat(expected).filteredOn(i -> i.instanceGuid().equals(lost.instanceGuid()))
            .extracting(ActualLrp::presence)
            .containsExactly(ActualLrpPresence.SUSPECT);
        assertThat(list("/v1/domains/other-domain/actual_lrps"))
            .isEqualTo(ReceptorJson.mapper().writeValueAsString(entities("listing-b")));
        assertThat(list("/v1/domains/no-such-domain/actual_lrps")).isEqualTo("[]");
    }

    private String list(String path) {
        RawHttp.Response answer = new RawHttp(baseUri()).send("GET", path, TestTokens.receptorAdmin(), null);
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    /** The instances of these processes, in this order, each read through its entity. */
    private List<ActualLrp> entities(String... processGuids) {
        return Stream.of(processGuids).flatMap(guid -> instances.byProcess(guid).stream()).toList();
    }

    /**
     * Announces the cell for 1 s, waits for it to expire, then converges: its running
     * instance turns suspect beside a replacement.
     */
    private void loseCell(String cellId) {
        receptor().heartbeat(cellId, ApiFixtures.cell(cellId, "z3", List.of(), 1));
        Eventually.await(Duration.ofSeconds(10), cellId + "'s heartbeat expires",
                () -> receptor().cells().stream().noneMatch(c -> c.cellId().equals(cellId)));
        assertThat(convergence.runOnce().failed()).isEmpty();
    }

}
