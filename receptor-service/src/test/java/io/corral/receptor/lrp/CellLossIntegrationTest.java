package io.corral.receptor.lrp;

import static io.corral.receptor.api.ActualLrpPresence.ORDINARY;
import static io.corral.receptor.api.ActualLrpPresence.SUSPECT;
import static io.corral.testsupport.ApiAssertions.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.DesiredLrpUpdate;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpRemoved;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorException;
import io.corral.receptor.client.ReceptorJson;
import io.corral.receptor.convergence.ConvergenceRunner;
import io.corral.receptor.convergence.ConvergenceSummary;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A cell stops heartbeating: its running instances run on, suspect and routable, beside
 * their replacements, and go once those run, unless the cell comes back first. Each test
 * loses a cell of its own; cell-a and cell-b stay.
 */
class CellLossIntegrationTest extends ReceptorIntegrationTest {

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
    void aRunningInstanceOfALostCellRunsOnSuspectBesideAnUnclaimedReplacement() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("lost", 2));
        ActualLrp running = runOnCell("cell-lost", "lost", 0);
        ActualLrp other = ApiFixtures.runInstance(receptor, "cell-a", "lost", 1);

        ConvergenceSummary pass = lose("cell-lost");

        assertThat(pass.changed()).containsEntry("lrp-lost-cells", 1).containsEntry("lrp-indices", 0);
        ActualLrp replacement = receptor.actualLrp("lost", 0);
        assertThat(replacement.state()).isEqualTo(ActualLrpState.UNCLAIMED);
        assertThat(replacement.cellId()).isNull();
        assertThat(replacement.presence()).isEqualTo(ORDINARY);
        assertThat(replacement.instanceGuid()).isNotEqualTo(running.instanceGuid());
        ActualLrp suspect = suspectAt("lost", 0);
        assertThat(suspect).usingRecursiveComparison().ignoringFields("presence", "modificationTag").isEqualTo(running);
        assertThat(suspect.presence()).isEqualTo(SUSPECT);
        assertThat(suspect.evacuating()).isFalse();
        assertThat(receptor.actualLrps("lost"))
            .extracting(ActualLrp::index, ActualLrp::instanceGuid, ActualLrp::presence)
            .containsExactly(tuple(0, replacement.instanceGuid(), ORDINARY), tuple(0, running.instanceGuid(), SUSPECT),
                    tuple(1, other.instanceGuid(), ORDINARY));
        assertThat(receptor.actualLrps()).contains(suspect, replacement);
        assertThat(
                new RawHttp(baseUri()).send("GET", "/v1/domains/cf-apps/actual_lrps", TestTokens.receptorAdmin(), null)
                    .json()
                    .findValuesAsString("instance_guid"))
            .contains(suspect.instanceGuid(), replacement.instanceGuid());
        assertThat(workOf("cell-lost", "lost")).as("the lost cell's work still lists it").containsExactly(suspect);

        Event marked = last(ActualLrpChanged.NAME, running.instanceGuid());
        assertThat(marked.data().path("actual_lrp_before").path("presence").asString()).isEqualTo("ORDINARY");
        assertThat(marked.data().path("actual_lrp_after").path("presence").asString()).isEqualTo("SUSPECT");
        assertThat(marked.data().path("actual_lrp_after").path("state").asString()).isEqualTo("RUNNING");
        Event created = single(ActualLrpCreated.NAME, replacement.instanceGuid());
        assertThat(created.transaction()).as("one transaction").isEqualTo(marked.transaction());

        ConvergenceSummary again = convergence.runOnce();
        assertThat(again.changed()).as("its cell still gone, nothing more to do")
            .containsEntry("lrp-lost-cells", 0)
            .containsEntry("lrp-indices", 0);
        assertThat(receptor.actualLrps("lost")).hasSize(3);
    }

    @Test
    void instancesNotRunningYetOnALostCellArePlacedAgainAndAnEvacuatingOneIsRemoved() {
        ReceptorClient receptor = receptor();
        announce("cell-fleeting");
        receptor.desireLrp(ApiFixtures.desiredLrp("pending", 3));
        ActualLrp assigned = receptor.assign("pending", 0,
                new Assignment(receptor.actualLrp("pending", 0).instanceGuid(), "cell-fleeting", null));
        ActualLrp claimed = receptor.transition("cell-fleeting", "pending", 1, "claim",
                ApiFixtures.transition(receptor.assign("pending", 1,
                        new Assignment(receptor.actualLrp("pending", 1).instanceGuid(), "cell-fleeting", null))));
        ActualLrp evacuee = ApiFixtures.runInstance(receptor, "cell-fleeting", "pending", 2);
        ActualLrp evacueeReplacement = receptor.evacuate("pending", 2, evacuee.instanceGuid());

        assertThat(lose("cell-fleeting").changed()).containsEntry("lrp-lost-cells", 3);

        List<ActualLrp> left = receptor.actualLrps("pending");
        assertThat(left).extracting(ActualLrp::index, ActualLrp::state, ActualLrp::cellId, ActualLrp::presence)
            .containsExactly(tuple(0, ActualLrpState.UNCLAIMED, null, ORDINARY),
                    tuple(1, ActualLrpState.UNCLAIMED, null, ORDINARY),
                    tuple(2, ActualLrpState.UNCLAIMED, null, ORDINARY));
        assertThat(left).extracting(ActualLrp::instanceGuid)
            .doesNotContain(assigned.instanceGuid(), claimed.instanceGuid(), evacuee.instanceGuid())
            .contains(evacueeReplacement.instanceGuid());
    }

    @Test
    void theSuspectGoesInTheTransactionOfItsReplacementsStart() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("handed-over", 1));
        ActualLrp running = runOnCell("cell-handover", "handed-over", 0);
        lose("cell-handover");
        ActualLrp replacement = receptor.actualLrp("handed-over", 0);

        ActualLrp claimed = receptor.transition("cell-b", "handed-over", 0, "claim", ApiFixtures
            .transition(receptor.assign("handed-over", 0, new Assignment(replacement.instanceGuid(), "cell-b", null))));
        assertThat(workOf("cell-handover", "handed-over")).as("still running while its replacement is only claimed")
            .extracting(ActualLrp::instanceGuid)
            .containsExactly(running.instanceGuid());
        ActualLrp started = receptor.transition("cell-b", "handed-over", 0, "start", new InstanceTransition(
                claimed.instanceGuid(), claimed.modificationTag(), "10.0.0.7", running.ports(), null, null));

        assertThat(receptor.actualLrps("handed-over")).containsExactly(started);
        assertThat(workOf("cell-handover", "handed-over")).isEmpty();
        Event removed = single(ActualLrpRemoved.NAME, running.instanceGuid());
        assertThat(removed.data().path("actual_lrp").path("presence").asString()).isEqualTo("SUSPECT");
        assertThat(removed.data().path("actual_lrp").path("cell_id").asString()).isEqualTo("cell-handover");
        assertThat(removed.transaction()).as("removed in the start's transaction")
            .isEqualTo(last(ActualLrpChanged.NAME, started.instanceGuid()).transaction());

        announce("cell-handover");
        assertThat(receptor.actualLrps("handed-over")).as("a cell back too late gets nothing back")
            .containsExactly(started);
    }

    @Test
    void aCellThatComesBackTakesBackItsSuspectsAndTheirReplacementsGo() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("returning", 2));
        ActualLrp first = runOnCell("cell-return", "returning", 0);
        ActualLrp second = ApiFixtures.runInstance(receptor, "cell-return", "returning", 1);
        lose("cell-return");
        ActualLrp unplaced = receptor.actualLrp("returning", 0);
        ActualLrp claimed = receptor.transition("cell-b", "returning", 1, "claim",
                ApiFixtures.transition(receptor.assign("returning", 1,
                        new Assignment(receptor.actualLrp("returning", 1).instanceGuid(), "cell-b", null))));
        assertThat(workOf("cell-b", "returning")).containsExactly(claimed);

        announce("cell-return");

        List<ActualLrp> now = receptor.actualLrps("returning");
        assertThat(now)
            .extracting(ActualLrp::index, ActualLrp::instanceGuid, ActualLrp::state, ActualLrp::cellId,
                    ActualLrp::presence)
            .containsExactly(tuple(0, first.instanceGuid(), ActualLrpState.RUNNING, "cell-return", ORDINARY),
                    tuple(1, second.instanceGuid(), ActualLrpState.RUNNING, "cell-return", ORDINARY));
        assertThat(receptor.actualLrp("returning", 0).address()).isEqualTo(first.address());
        assertThat(workOf("cell-b", "returning")).as("the replacement's cell no longer lists it").isEmpty();
        assertThat(workOf("cell-return", "returning")).isEqualTo(now);
        Event returned = last(ActualLrpChanged.NAME, first.instanceGuid());
        assertThat(returned.data().path("actual_lrp_after").path("presence").asString()).isEqualTo("ORDINARY");
        assertThat(single(ActualLrpRemoved.NAME, unplaced.instanceGuid()).transaction())
            .isEqualTo(returned.transaction());
        assertThat(single(ActualLrpRemoved.NAME, claimed.instanceGuid()).transaction())
            .as("all in the heartbeat's transaction")
            .isEqualTo(returned.transaction());
        assertApiError(
                () -> receptor.transition("cell-b", "returning", 1, "start", new InstanceTransition(
                        claimed.instanceGuid(), claimed.modificationTag(), "10.0.0.8", List.of(), null, null)),
                409, "ResourceConflict");

        int events = eventCount();
        announce("cell-return");
        assertThat(eventCount()).as("the next heartbeat changes nothing").isEqualTo(events);
        assertThat(convergence.runOnce().changed()).containsEntry("lrp-lost-cells", 0).containsEntry("lrp-indices", 0);
        assertThat(receptor.actualLrps("returning")).isEqualTo(now);
    }

    @Test
    void aSuspectItsCellReportsCrashedOrRemovedGoesAndItsReplacementStandsIn() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("failing", 2));
        runOnCell("cell-failing", "failing", 0);
        ApiFixtures.runInstance(receptor, "cell-failing", "failing", 1);
        lose("cell-failing");
        ActualLrp crashing = suspectAt("failing", 0);
        ActualLrp removing = suspectAt("failing", 1);
        ActualLrp replacement0 = receptor.actualLrp("failing", 0);
        ActualLrp replacement1 = receptor.actualLrp("failing", 1);

        ActualLrp crashed = receptor.transition("cell-failing", "failing", 0, "crash", new InstanceTransition(
                crashing.instanceGuid(), crashing.modificationTag(), null, null, "exit 1", null));
        ActualLrp removed = receptor.transition("cell-failing", "failing", 1, "remove",
                ApiFixtures.transition(removing));

        assertThat(crashed).as("as it was").isEqualTo(crashing);
        assertThat(removed).isEqualTo(removing);
        assertThat(receptor.actualLrps("failing")).containsExactly(replacement0, replacement1);
        announce("cell-failing");
        convergence.runOnce();
        assertThat(receptor.actualLrps("failing")).as("no restart, nothing taken back")
            .containsExactly(replacement0, replacement1);
    }

    @Test
    void aSuspectIsNeverEvacuatedNorAssigned() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("unmovable", 1));
        runOnCell("cell-unmovable", "unmovable", 0);
        lose("cell-unmovable");
        ActualLrp suspect = suspectAt("unmovable", 0);
        ActualLrp replacement = receptor.actualLrp("unmovable", 0);

        assertThat(
                assertApiError(() -> receptor.evacuate("unmovable", 0, suspect.instanceGuid()), 409, "ResourceConflict")
                    .getMessage())
            .contains("cannot evacuate it", "is suspect, RUNNING on cell cell-unmovable");
        assertApiError(() -> receptor.evacuate("unmovable", 0, replacement.instanceGuid()), 409, "ResourceConflict");
        assertApiError(() -> receptor.assign("unmovable", 0, new Assignment(suspect.instanceGuid(), "cell-a", null)),
                409, "ResourceConflict");

        assertThat(receptor.actualLrps("unmovable")).containsExactly(replacement, suspect);
    }

    @Test
    void suspectsDoNotHoldTheirIndexButGoWithIt() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("counted", 3));
        runOnCell("cell-counted", "counted", 0);
        ApiFixtures.runInstance(receptor, "cell-counted", "counted", 1);
        ApiFixtures.runInstance(receptor, "cell-counted", "counted", 2);
        lose("cell-counted");
        ActualLrp suspect0 = suspectAt("counted", 0);

        receptor.stopInstance("counted", 0);
        assertThat(receptor.actualLrps("counted")).as("stopping the index's instance leaves its suspect")
            .extracting(ActualLrp::index, ActualLrp::presence)
            .containsExactly(tuple(0, SUSPECT), tuple(1, ORDINARY), tuple(1, SUSPECT), tuple(2, ORDINARY),
                    tuple(2, SUSPECT));
        assertThat(convergence.runOnce().changed()).as("a new current instance for index 0, the suspect not counted")
            .containsEntry("lrp-indices", 1);
        assertThat(receptor.actualLrp("counted", 0).state()).isEqualTo(ActualLrpState.UNCLAIMED);
        assertThat(suspectAt("counted", 0)).isEqualTo(suspect0);

        receptor.updateDesiredLrp("counted", new DesiredLrpUpdate(1, null, null, null, null));
        assertThat(receptor.actualLrps("counted")).as("retiring an index retires its suspect")
            .extracting(ActualLrp::index, ActualLrp::presence)
            .containsExactly(tuple(0, ORDINARY), tuple(0, SUSPECT));
        assertThat(convergence.runOnce().changed()).containsEntry("lrp-indices", 0);

        receptor.removeDesiredLrp("counted");
        assertThat(receptor.actualLrps("counted")).isEmpty();
    }

    @Test
    void aLostCellRunningMoreInstancesThanOneBatchHasEveryOneReplacedOnce() {
        ReceptorClient receptor = receptor();
        int instances = ConvergenceBatches.SIZE + 50;
        receptor.desireLrp(ApiFixtures.desiredLrp("crowded", instances));
        jdbc.update("""
                UPDATE actual_lrps SET cell_id = 'cell-crowded-vanished', state = 'RUNNING', address = '10.0.0.9',
                    ports = '[]' WHERE process_guid = 'crowded'
                """);

        assertThat(convergence.runOnce().changed()).containsEntry("lrp-lost-cells", instances)
            .containsEntry("lrp-indices", 0);
        assertThat(convergence.runOnce().changed()).containsEntry("lrp-lost-cells", 0);

        List<ActualLrp> all = receptor.actualLrps("crowded");
        assertThat(all).hasSize(2 * instances);
        assertThat(all).filteredOn(i -> i.presence() == SUSPECT)
            .hasSize(instances)
            .allSatisfy(i -> assertThat(i.state()).isEqualTo(ActualLrpState.RUNNING));
        assertThat(all).filteredOn(i -> i.presence() == ORDINARY)
            .hasSize(instances)
            .allSatisfy(i -> assertThat(i.state()).isEqualTo(ActualLrpState.UNCLAIMED));
    }

    @Test
    void theInstancesOfEveryGoneCellAreReplacedAndThoseOfPresentCellsAreLeftAlone() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("spread", 6));
        announce("cell-spread-b-present");
        jdbc.update("""
                UPDATE actual_lrps SET state = 'RUNNING', address = '10.0.0.7', ports = '[]',
                    cell_id = (ARRAY['cell-spread-a-gone', 'cell-spread-b-present', 'cell-spread-c-never-seen'])
                        [instance_index / 2 + 1]
                WHERE process_guid = 'spread'
                """);

        assertThat(convergence.runOnce().changed()).containsEntry("lrp-lost-cells", 4);

        assertThat(receptor.actualLrps("spread")).filteredOn(i -> i.presence() == SUSPECT)
            .extracting(ActualLrp::index)
            .containsExactlyInAnyOrder(0, 1, 4, 5);
        assertThat(receptor.actualLrps("spread")).filteredOn(i -> i.index() == 2 || i.index() == 3)
            .extracting(ActualLrp::presence, ActualLrp::cellId)
            .containsExactly(tuple(ORDINARY, "cell-spread-b-present"), tuple(ORDINARY, "cell-spread-b-present"));
        assertThat(convergence.runOnce().changed()).containsEntry("lrp-lost-cells", 0);
    }

    @Test
    void aReplacementsStartRacingItsSuspectsReturnEndsWithExactlyOneOfThem() throws Exception {
        ReceptorClient receptor = receptor();
        int indices = 6;
        receptor.desireLrp(ApiFixtures.desiredLrp("raced-return", indices));
        runOnCell("cell-race", "raced-return", 0);
        for (int index = 1; index < indices; index++) {
            ApiFixtures.runInstance(receptor, "cell-race", "raced-return", index);
        }
        lose("cell-race");
        List<ActualLrp> claimed = new ArrayList<>();
        for (int index = 0; index < indices; index++) {
            ActualLrp replacement = receptor.actualLrp("raced-return", index);
            claimed.add(receptor.transition("cell-b", "raced-return", index, "claim", ApiFixtures.transition(receptor
                .assign("raced-return", index, new Assignment(replacement.instanceGuid(), "cell-b", null)))));
        }

        List<Callable<Object>> racers = new ArrayList<>();
        racers.add(() -> {
            announce("cell-race");
            return null;
        });
        for (ActualLrp c : claimed) {
            racers.add(() -> receptor.transition("cell-b", "raced-return", c.index(), "start",
                    new InstanceTransition(c.instanceGuid(), c.modificationTag(), "10.0.0.6", List.of(), null, null)));
        }
        List<Integer> statuses = race(racers);

        assertThat(statuses.get(0)).as("the heartbeat").isEqualTo(200);
        assertThat(statuses).isSubsetOf(200, 409);
        List<ActualLrp> now = receptor.actualLrps("raced-return");
        assertThat(now).as("one instance per index, ordinary and running")
            .extracting(ActualLrp::index, ActualLrp::presence, ActualLrp::state)
            .containsExactlyElementsOf(IntStream.range(0, indices)
                .mapToObj(index -> tuple(index, ORDINARY, ActualLrpState.RUNNING))
                .toList());
        for (int index = 0; index < indices; index++) {
            String cell = now.get(index).cellId();
            assertThat(cell).as("index %d's start %s", index, statuses.get(index + 1) == 200 ? "won" : "lost")
                .isEqualTo(statuses.get(index + 1) == 200 ? "cell-b" : "cell-race");
        }
    }

    @Test
    void theDatabaseHoldsOneInstanceOfEachPresencePerIndexAtMost() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("unique-suspect", 1));
        runOnCell("cell-unique", "unique-suspect", 0);
        lose("cell-unique");

        for (ActualLrpPresence presence : new ActualLrpPresence[] { ORDINARY, SUSPECT }) {
            assertThatThrownBy(() -> jdbc.update("""
                    INSERT INTO actual_lrps (id, instance_guid, process_guid, instance_index, presence, domain, state,
                                             since_ns, modification_epoch, modification_index)
                    SELECT gen_random_uuid(), instance_guid || '-copy', process_guid, instance_index, presence,
                           domain, state, since_ns, modification_epoch, 0
                    FROM actual_lrps WHERE process_guid = 'unique-suspect' AND presence = ?
                    """, presence.name())).isInstanceOf(DataIntegrityViolationException.class);
        }
        assertThatThrownBy(
                () -> jdbc.update("UPDATE actual_lrps SET presence = 'LOST' WHERE process_guid = ?", "unique-suspect"))
            .isInstanceOf(DataIntegrityViolationException.class);
    }

    /** The cell heartbeats, valid long enough for any test to set it up. */
    private void announce(String cellId) {
        receptor().heartbeat(cellId, ApiFixtures.cell(cellId, "z3", List.of(), 300));
    }

    /** Runs the index's instance on {@code cellId}, which it announces first. */
    private ActualLrp runOnCell(String cellId, String processGuid, int index) {
        announce(cellId);
        return ApiFixtures.runInstance(receptor(), cellId, processGuid, index);
    }

    /**
     * The cell's last heartbeat asks for a 1 s TTL; once that has expired, a convergence
     * pass runs.
     */
    private ConvergenceSummary lose(String cellId) {
        receptor().heartbeat(cellId, ApiFixtures.cell(cellId, "z3", List.of(), 1));
        Eventually.await(Duration.ofSeconds(10), cellId + "'s heartbeat expires",
                () -> receptor().cells().stream().noneMatch(c -> c.cellId().equals(cellId)));
        ConvergenceSummary pass = convergence.runOnce();
        assertThat(pass.failed()).isEmpty();
        return pass;
    }

    private ActualLrp suspectAt(String processGuid, int index) {
        return receptor().actualLrps(processGuid)
            .stream()
            .filter(i -> i.index() == index && i.presence() == SUSPECT)
            .findFirst()
            .orElseThrow();
    }

    /**
     * The instances of {@code processGuid} in the work of {@code cellId}: the tests of
     * this class share cells.
     */
    private List<ActualLrp> workOf(String cellId, String processGuid) {
        return receptor().work(cellId).actualLrps().stream().filter(i -> i.processGuid().equals(processGuid)).toList();
    }

    /** Sends each call at once; answers the HTTP status of each, in order. */
    private static List<Integer> race(List<Callable<Object>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (Callable<Object> call : calls) {
                answers.add(pool.submit(() -> {
                    start.await();
                    try {
                        call.call();
                        return 200;
                    }
                    catch (ReceptorException e) {
                        return e.status();
                    }
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        }
        finally {
            pool.shutdownNow();
        }
    }

    private int eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM events", Integer.class);
    }

    /** One event, its data and the transaction that wrote it. */
    private record Event(long transaction, JsonNode data) {
    }

    private Event single(String type, String instanceGuid) {
        List<Event> found = events(type, instanceGuid);
        assertThat(found).as("%s of %s", type, instanceGuid).hasSize(1);
        return found.get(0);
    }

    private Event last(String type, String instanceGuid) {
        List<Event> found = events(type, instanceGuid);
        assertThat(found).as("%s of %s", type, instanceGuid).isNotEmpty();
        return found.get(found.size() - 1);
    }

    /** The events of {@code type} about the instance, oldest first. */
    private List<Event> events(String type, String instanceGuid) {
        return jdbc.query(
                """
                        SELECT id >> 24 AS transaction, data FROM events WHERE type = ?
                        AND ? IN (data::json #>> '{actual_lrp,instance_guid}', data::json #>> '{actual_lrp_after,instance_guid}')
                        ORDER BY id
                        """,
                (row, n) -> new Event(row.getLong("transaction"),
                        ReceptorJson.mapper().readTree(row.getString("data"))),
                type, instanceGuid);
    }

}
