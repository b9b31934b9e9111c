package io.corral.receptor.lrp;

import static io.corral.testsupport.ApiAssertions.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.DesiredLrpUpdate;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpRemoved;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorJson;
import io.corral.receptor.convergence.ConvergenceRunner;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The placement service moves running instances: each runs on, evacuating, until its
 * replacement runs.
 */
class EvacuationIntegrationTest extends ReceptorIntegrationTest {

    @Autowired
    private ConvergenceRunner convergence;

    @Autowired
    private JdbcTemplate jdbc;

    @BeforeEach
    void cells() {
        receptor().heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of()));
        receptor().heartbeat("cell-b", ApiFixtures.cell("cell-b", "z2", List.of()));
    }

    @Test
    void anEvacuatedInstanceRunsOnBesideAnUnclaimedReplacement() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("moving", 2));
        ActualLrp running = ApiFixtures.runInstance(receptor, "cell-a", "moving", 0);

        ActualLrp replacement = receptor.evacuate("moving", 0, running.instanceGuid());

        assertThat(replacement.index()).isZero();
        assertThat(replacement.state()).isEqualTo(ActualLrpState.UNCLAIMED);
        assertThat(replacement.cellId()).isNull();
        assertThat(replacement.evacuating()).isFalse();
        assertThat(replacement.instanceGuid()).isNotEqualTo(running.instanceGuid());
        assertThat(receptor.actualLrp("moving", 0)).isEqualTo(replacement);

        ActualLrp evacuating = evacuatingAt("moving", 0);
        assertThat(receptor.actualLrps("moving"))
            .extracting(ActualLrp::index, ActualLrp::instanceGuid, ActualLrp::evacuating)
            .containsExactly(tuple(0, replacement.instanceGuid(), false), tuple(0, running.instanceGuid(), true),
                    tuple(1, receptor.actualLrp("moving", 1).instanceGuid(), false));
        assertThat(evacuating.state()).isEqualTo(ActualLrpState.RUNNING);
        assertThat(evacuating.cellId()).isEqualTo("cell-a");
        assertThat(evacuating.address()).isEqualTo(running.address());
        assertThat(evacuating.ports()).isEqualTo(running.ports());
        assertThat(receptor.actualLrps()).contains(evacuating, replacement);
        assertThat(
                new RawHttp(baseUri()).send("GET", "/v1/domains/cf-apps/actual_lrps", TestTokens.receptorAdmin(), null)
                    .json()
                    .findValuesAsString("instance_guid"))
            .contains(evacuating.instanceGuid(), replacement.instanceGuid());
        assertThat(workOf("cell-a", "moving")).containsExactly(evacuating);

        assertThat(events(ActualLrpChanged.NAME, running.instanceGuid())).last().satisfies(change -> {
            assertThat(change.path("actual_lrp_before").path("evacuating").asBoolean()).isFalse();
            assertThat(change.path("actual_lrp_after").path("evacuating").asBoolean()).isTrue();
        });
        assertThat(events(ActualLrpCreated.NAME, replacement.instanceGuid())).hasSize(1);
    }

    @Test
    void theEvacuatingInstanceGoesOnceItsReplacementRuns() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("handover", 1));
        ActualLrp running = ApiFixtures.runInstance(receptor, "cell-a", "handover", 0);
        ActualLrp replacement = receptor.evacuate("handover", 0, running.instanceGuid());

        ActualLrp claimed = receptor.transition("cell-b", "handover", 0, "claim", ApiFixtures
            .transition(receptor.assign("handover", 0, new Assignment(replacement.instanceGuid(), "cell-b", null))));
        assertThat(workOf("cell-a", "handover")).as("still running while its replacement is only claimed")
            .extracting(ActualLrp::instanceGuid)
            .containsExactly(running.instanceGuid());
        ActualLrp started = receptor.transition("cell-b", "handover", 0, "start", new InstanceTransition(
                claimed.instanceGuid(), claimed.modificationTag(), "10.0.0.7", running.ports(), null, null));

        assertThat(started.instanceGuid()).isEqualTo(replacement.instanceGuid());
        assertThat(receptor.actualLrps("handover")).containsExactly(started);
        assertThat(workOf("cell-a", "handover")).isEmpty();
        assertThat(events(ActualLrpRemoved.NAME, running.instanceGuid())).singleElement().satisfies(removed -> {
            assertThat(removed.path("actual_lrp").path("evacuating").asBoolean()).isTrue();
            assertThat(removed.path("actual_lrp").path("cell_id").asString()).isEqualTo("cell-a");
        });
    }

    @Test
    void anEvacuatingInstanceThatCrashesIsRemovedNotRestarted() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("crashing", 1));
        ActualLrp running = ApiFixtures.runInstance(receptor, "cell-a", "crashing", 0);
        ActualLrp replacement = receptor.evacuate("crashing", 0, running.instanceGuid());
        ActualLrp evacuating = evacuatingAt("crashing", 0);

        ActualLrp answered = receptor.transition("cell-a", "crashing", 0, "crash", new InstanceTransition(
                evacuating.instanceGuid(), evacuating.modificationTag(), null, null, "exit 1", null));

        assertThat(answered).as("as it was").isEqualTo(evacuating);
        assertThat(receptor.actualLrps("crashing")).containsExactly(replacement);
        assertThat(events(ActualLrpRemoved.NAME, running.instanceGuid())).hasSize(1);
        convergence.runOnce();
        assertThat(receptor.actualLrps("crashing")).as("no restart, no new index").containsExactly(replacement);
    }

    @Test
    void anEvacuatingInstanceWhoseCellIsGoneIsRemovedAndItsReplacementStaysAsItIs() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-brief", ApiFixtures.cell("cell-brief", "z3", List.of(), 1));
        receptor.desireLrp(ApiFixtures.desiredLrp("stranded-evacuee", 1));
        ActualLrp running = ApiFixtures.runInstance(receptor, "cell-brief", "stranded-evacuee", 0);
        ActualLrp replacement = receptor.evacuate("stranded-evacuee", 0, running.instanceGuid());
        ActualLrp claimed = receptor.transition("cell-a", "stranded-evacuee", 0, "claim", ApiFixtures.transition(
                receptor.assign("stranded-evacuee", 0, new Assignment(replacement.instanceGuid(), "cell-a", null))));

        Eventually.await(Duration.ofSeconds(5), "cell-brief's heartbeat expires",
                () -> receptor.cells().stream().noneMatch(c -> c.cellId().equals("cell-brief")));
        convergence.runOnce();

        assertThat(receptor.actualLrps("stranded-evacuee")).containsExactly(claimed);
        assertThat(events(ActualLrpRemoved.NAME, running.instanceGuid())).hasSize(1);
    }

    @Test
    void scalingDownOrDeletingRetiresBothInstancesOfAnIndex() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("shrinking", 3));
        ApiFixtures.runInstance(receptor, "cell-a", "shrinking", 2);
        receptor.evacuate("shrinking", 2, receptor.actualLrp("shrinking", 2).instanceGuid());
        ApiFixtures.runInstance(receptor, "cell-a", "shrinking", 1);
        receptor.evacuate("shrinking", 1, receptor.actualLrp("shrinking", 1).instanceGuid());

        receptor.updateDesiredLrp("shrinking", new DesiredLrpUpdate(2, null, null, null, null));
        assertThat(receptor.actualLrps("shrinking")).extracting(ActualLrp::index, ActualLrp::evacuating)
            .containsExactly(tuple(0, false), tuple(1, false), tuple(1, true));

        receptor.removeDesiredLrp("shrinking");
        assertThat(receptor.actualLrps("shrinking")).isEmpty();
    }

    @Test
    void convergenceRetiresAnEvacuatingInstanceAboveTheCountButDoesNotLetItHoldItsIndex() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("converged", 2));
        ActualLrp running = ApiFixtures.runInstance(receptor, "cell-a", "converged", 0);
        ActualLrp replacement = receptor.evacuate("converged", 0, running.instanceGuid());
        ApiFixtures.runInstance(receptor, "cell-a", "converged", 1);
        receptor.evacuate("converged", 1, receptor.actualLrp("converged", 1).instanceGuid());

        receptor.stopInstance("converged", 0);
        jdbc.update("UPDATE desired_lrps SET instances = 1 WHERE process_guid = 'converged'");
        assertThat(convergence.runOnce().changed()).containsEntry("lrp-indices", 3);

        List<ActualLrp> left = receptor.actualLrps("converged");
        assertThat(left).extracting(ActualLrp::index, ActualLrp::instanceGuid, ActualLrp::evacuating)
            .containsExactly(tuple(0, receptor.actualLrp("converged", 0).instanceGuid(), false),
                    tuple(0, running.instanceGuid(), true));
        assertThat(left.get(0).instanceGuid()).as("a new current instance").isNotEqualTo(replacement.instanceGuid());
        assertThat(left.get(0).state()).isEqualTo(ActualLrpState.UNCLAIMED);
    }

    @Test
    void evacuatingAgainAnswersTheSameReplacement() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("retried", 1));
        ActualLrp running = ApiFixtures.runInstance(receptor, "cell-a", "retried", 0);

        ActualLrp first = receptor.evacuate("retried", 0, running.instanceGuid());
        ActualLrp again = receptor.evacuate("retried", 0, running.instanceGuid());

        assertThat(again).isEqualTo(first);
        assertThat(receptor.actualLrps("retried")).hasSize(2);
        assertThat(events(ActualLrpChanged.NAME, running.instanceGuid())).as("assigned, claimed, started, evacuated")
            .hasSize(4);
    }

    @Test
    void racingEvacuationsOfOneInstanceAllAnswerTheOneReplacement() throws Exception {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("raced", 1));
        ActualLrp running = ApiFixtures.runInstance(receptor, "cell-a", "raced", 0);
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<ActualLrp>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return receptor.evacuate("raced", 0, running.instanceGuid());
                }));
            }
            start.countDown();
            Set<ActualLrp> replacements = new HashSet<>();
            for (Future<ActualLrp> answer : answers) {
                replacements.add(answer.get());
            }
            assertThat(replacements).as("every racer answered 200 with the same replacement").hasSize(1);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(receptor.actualLrps("raced")).extracting(ActualLrp::instanceGuid, ActualLrp::evacuating)
            .containsExactlyInAnyOrder(tuple(receptor.actualLrp("raced", 0).instanceGuid(), false),
                    tuple(running.instanceGuid(), true));
        assertThat(events(ActualLrpChanged.NAME, running.instanceGuid())).as("assigned, claimed, started, evacuated")
            .hasSize(4);
    }

    @Test
    void onlyTheRunningCurrentInstanceOfAnIndexIsEvacuated() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("refused", 2));
        ActualLrp unclaimed = receptor.actualLrp("refused", 0);
        ActualLrp running = ApiFixtures.runInstance(receptor, "cell-a", "refused", 1);

        assertApiError(() -> receptor.evacuate("refused", 0, unclaimed.instanceGuid()), 409, "ResourceConflict");
        assertApiError(() -> receptor.evacuate("refused", 1, "an-earlier-incarnation"), 409, "ResourceConflict");
        ActualLrp replacement = receptor.evacuate("refused", 1, running.instanceGuid());
        assertThat(assertApiError(() -> receptor.evacuate("refused", 1, replacement.instanceGuid()), 409,
                "ResourceConflict")
            .getMessage()).contains("is evacuating instance " + running.instanceGuid());
        assertApiError(() -> receptor.evacuate("refused", 7, running.instanceGuid()), 404, "ActualLRPIndexNotFound");
        assertApiError(() -> receptor.evacuate("never-desired", 0, running.instanceGuid()), 404,
                "ActualLRPIndexNotFound");
        assertApiError(() -> receptor.evacuate("refused", 0, " "), 400, "InvalidRequest");
        assertApiError(() -> receptor.assign("refused", 1, new Assignment(running.instanceGuid(), "cell-b", null)), 409,
                "ResourceConflict");

        assertThat(receptor.actualLrps("refused")).extracting(ActualLrp::index, ActualLrp::evacuating)
            .containsExactly(tuple(0, false), tuple(1, false), tuple(1, true));
        assertThat(receptor.actualLrp("refused", 0)).isEqualTo(unclaimed);
    }

    @Test
    void cellReportsReachTheInstanceTheyName() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("reported", 1));
        ActualLrp running = ApiFixtures.runInstance(receptor, "cell-a", "reported", 0);
        ActualLrp replacement = receptor.evacuate("reported", 0, running.instanceGuid());
        ActualLrp evacuating = evacuatingAt("reported", 0);
        ActualLrp assigned = receptor.assign("reported", 0, new Assignment(replacement.instanceGuid(), "cell-b", null));

        assertApiError(() -> receptor.transition("cell-b", "reported", 0, "remove", ApiFixtures.transition(evacuating)),
                409, "ResourceConflict");
        assertApiError(() -> receptor.transition("cell-a", "reported", 0, "start", new InstanceTransition(
                evacuating.instanceGuid(), evacuating.modificationTag(), "10.0.0.99", running.ports(), null, null)),
                409, "ResourceConflict");
        ActualLrp claimed = receptor.transition("cell-b", "reported", 0, "claim", ApiFixtures.transition(assigned));
        assertThat(receptor.transition("cell-a", "reported", 0, "remove", ApiFixtures.transition(evacuating)))
            .isEqualTo(evacuating);

        assertThat(receptor.actualLrps("reported")).containsExactly(claimed);
    }

    @Test
    void theDatabaseHoldsOneCurrentAndOneEvacuatingInstancePerIndexAtMost() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("unique", 1));
        ActualLrp running = ApiFixtures.runInstance(receptor, "cell-a", "unique", 0);
        receptor.evacuate("unique", 0, running.instanceGuid());

        for (String presence : new String[] { "ORDINARY", "EVACUATING" }) {
            assertThatThrownBy(() -> jdbc.update("""
                    INSERT INTO actual_lrps (id, instance_guid, process_guid, instance_index, presence, domain, state,
                                             since_ns, modification_epoch, modification_index)
                    SELECT gen_random_uuid(), instance_guid || '-copy', process_guid, instance_index, presence,
                           domain, state, since_ns, modification_epoch, 0
                    FROM actual_lrps WHERE process_guid = 'unique' AND presence = ?
                    """, presence)).isInstanceOf(DataIntegrityViolationException.class);
        }
    }

    /**
     * The instances of {@code processGuid} in the work of {@code cellId}: the tests of
     * this class share cells.
     */
    private List<ActualLrp> workOf(String cellId, String processGuid) {
        return receptor().work(cellId).actualLrps().stream().filter(i -> i.processGuid().equals(processGuid)).toList();
    }

    /** The evacuating instance of an index, as the lists show it. */
    private ActualLrp evacuatingAt(String processGuid, int index) {
        return receptor().actualLrps(processGuid)
            .stream()
            .filter(i -> i.index() == index && i.evacuating())
            .findFirst()
            .orElseThrow();
    }

    /** The data of the events of {@code type} about the instance, oldest first. */
    private List<JsonNode> events(String type, String instanceGuid) {
        return jdbc.queryForList("""
                SELECT data FROM events WHERE type = ? AND ? IN (data::json #>> '{actual_lrp,instance_guid}',
                    data::json #>> '{actual_lrp_after,instance_guid}') ORDER BY id
                """, String.class, type, instanceGuid).stream().map(ReceptorJson.mapper()::readTree).toList();
    }

}
