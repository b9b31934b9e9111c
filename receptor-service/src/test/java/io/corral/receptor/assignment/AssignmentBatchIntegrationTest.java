package io.corral.receptor.assignment;

import static io.corral.testsupport.ApiAssertions.assertApiError;
import static io.corral.testsupport.ApiFixtures.assignment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.AssignmentBatch;
import io.corral.receptor.api.AssignmentResults;
import io.corral.receptor.api.LrpAssignment;
import io.corral.receptor.api.LrpAssignmentResult;
import io.corral.receptor.api.TaskAssignment;
import io.corral.receptor.api.TaskAssignmentResult;
import io.corral.receptor.api.TaskState;
import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.TestTokens;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class AssignmentBatchIntegrationTest extends ReceptorIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private DataSource dataSource;

    @BeforeEach
    void cells() {
        receptor().heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of()));
        receptor().heartbeat("cell-b", ApiFixtures.cell("cell-b", "z2", List.of()));
    }

    @Test
    void eachDecisionIsTakenOrRefusedOnItsOwn() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("mixed", 4));
        List<ActualLrp> instances = receptor.actualLrps("mixed");
        ActualLrp claimed = receptor.transition("cell-b", "mixed", 3, "claim", ApiFixtures
            .transition(receptor.assign("mixed", 3, new Assignment(instances.get(3).instanceGuid(), "cell-b", null))));
        receptor.desireTask(ApiFixtures.task("mixed-pending", null));
        receptor.desireTask(ApiFixtures.task("mixed-running", null));
        receptor.assignTask("mixed-running", new Assignment(null, "cell-b", null));
        receptor.startTask("cell-b", "mixed-running");

        AssignmentResults results = receptor.assign(new AssignmentBatch(
                List.of(assignment(instances.get(0), "cell-a"),
                        new LrpAssignment("mixed", 1, null, null, "insufficient resources: memory"),
                        new LrpAssignment("mixed", 2, "an-earlier-incarnation", "cell-a", null),
                        assignment(claimed, "cell-a"), new LrpAssignment("mixed", 9, null, "cell-a", null),
                        new LrpAssignment("mixed", 2, null, "cell-gone", null)),
                List.of(new TaskAssignment("mixed-pending", "cell-b", null),
                        new TaskAssignment("mixed-running", "cell-a", null),
                        new TaskAssignment("never-desired", "cell-a", null))));

        assertThat(results.actualLrps())
            .extracting(LrpAssignmentResult::index, LrpAssignmentResult::instanceGuid,
                    r -> r.error() == null ? null : r.error().name())
            .containsExactly(tuple(0, instances.get(0).instanceGuid(), null),
                    tuple(1, instances.get(1).instanceGuid(), null),
                    tuple(2, "an-earlier-incarnation", "ResourceConflict"),
                    tuple(3, claimed.instanceGuid(), "ResourceConflict"), tuple(9, null, "ActualLRPIndexNotFound"),
                    tuple(2, null, "ResourceConflict"));
        assertThat(results.actualLrps().get(2).error().message()).contains("is no longer index 2");
        assertThat(results.actualLrps().get(3).error().message()).contains("CLAIMED");
        assertThat(results.actualLrps().get(5).error().message()).contains("cell 'cell-gone' is not present");
        assertThat(results.tasks())
            .extracting(TaskAssignmentResult::taskGuid, r -> r.error() == null ? null : r.error().name())
            .containsExactly(tuple("mixed-pending", null), tuple("mixed-running", "ResourceConflict"),
                    tuple("never-desired", "TaskNotFound"));

        assertThat(receptor.actualLrp("mixed", 0).cellId()).isEqualTo("cell-a");
        assertThat(receptor.actualLrp("mixed", 1).placementError()).isEqualTo("insufficient resources: memory");
        assertThat(receptor.actualLrp("mixed", 2)).isEqualTo(instances.get(2));
        assertThat(receptor.actualLrp("mixed", 3)).isEqualTo(claimed);
        assertThat(receptor.task("mixed-pending").state()).isEqualTo(TaskState.CLAIMED);
        assertThat(receptor.task("mixed-pending").cellId()).isEqualTo("cell-b");
        assertThat(receptor.task("mixed-running").state()).isEqualTo(TaskState.RUNNING);
    }

    @Test
    void eachTakenDecisionEmitsTheEventOfItsSingleEndpointAndARefusedOneNone() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("evented", 3));
        List<ActualLrp> instances = receptor.actualLrps("evented");
        receptor.assign("evented", 0, new Assignment(instances.get(0).instanceGuid(), "cell-a", null));

        receptor.assign(new AssignmentBatch(List.of(assignment(instances.get(1), "cell-a"),
                new LrpAssignment("evented", 2, "an-earlier-incarnation", "cell-a", null)), null));

        assertThat(changesOf(instances.get(1))).as("like the single endpoint's")
            .containsExactly("UNCLAIMED on none > UNCLAIMED on cell-a");
        assertThat(changesOf(instances.get(0))).containsExactly("UNCLAIMED on none > UNCLAIMED on cell-a");
        assertThat(changesOf(instances.get(2))).isEmpty();
    }

    @Test
    void aSuccessfulDecisionsResultHasNoErrorField() {
        receptor().desireLrp(ApiFixtures.desiredLrp("plain", 1));
        RawHttp.Response response = new RawHttp(baseUri()).send("POST", "/v1/assignments", TestTokens.receptorAdmin(),
                """
                        {"actual_lrps": [{"process_guid": "plain", "index": 0, "cell_id": "cell-a"},
                                         {"process_guid": "plain", "index": 1, "cell_id": "cell-a"}]}
                        """);

        assertThat(response.status()).isEqualTo(200);
        JsonNode results = response.json().path("actual_lrps");
        assertThat(results.get(0).has("error")).isFalse();
        assertThat(results.get(1).path("error").path("name").asString()).isEqualTo("ActualLRPIndexNotFound");
        assertThat(response.json().path("tasks").isArray()).isTrue();
    }

    @Test
    void aBatchLargerThanOneTransactionIsTakenWholeInOrder() {
        ReceptorClient receptor = receptor();
        int count = AssignmentService.CHUNK + 17;
        receptor.desireLrp(ApiFixtures.desiredLrp("many", count));
        List<ActualLrp> instances = receptor.actualLrps("many");

        AssignmentResults results = receptor.assign(new AssignmentBatch(
                instances.stream().map(i -> assignment(i, i.index() % 2 == 0 ? "cell-a" : "cell-b")).toList(),
                List.of()));

        assertThat(results.actualLrps()).extracting(LrpAssignmentResult::index)
            .containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
        assertThat(results.actualLrps()).allSatisfy(r -> assertThat(r.error()).isNull());
        assertThat(receptor.actualLrps("many")).allSatisfy(i -> {
            assertThat(i.state()).isEqualTo(ActualLrpState.UNCLAIMED);
            assertThat(i.cellId()).isEqualTo(i.index() % 2 == 0 ? "cell-a" : "cell-b");
        });
    }

    @Test
    void everyDecisionOfATransactionIsWrittenOnceWhateverSliceItIsReadIn() {
        ReceptorClient receptor = receptor();
        int count = 2 * AssignmentService.SLICE + 5;
        int stale = AssignmentService.SLICE + 3;
        receptor.desireLrp(ApiFixtures.desiredLrp("sliced", count));
        List<ActualLrp> instances = receptor.actualLrps("sliced");

        AssignmentResults results = receptor.assign(new AssignmentBatch(instances.stream()
            .map(i -> i.index() == stale ? new LrpAssignment("sliced", stale, "an-earlier-incarnation", "cell-a", null)
                    : assignment(i, "cell-b"))
            .toList(), List.of()));

        assertThat(results.actualLrps()).filteredOn(r -> r.error() != null)
            .extracting(LrpAssignmentResult::index)
            .containsExactly(stale);
        assertThat(receptor.actualLrps("sliced")).allSatisfy(
                i -> assertThat(i.cellId()).as("index %d", i.index()).isEqualTo(i.index() == stale ? null : "cell-b"));
        assertThat(instances).allSatisfy(i -> assertThat(changesOf(i)).as("index %d", i.index())
            .containsExactlyElementsOf(
                    i.index() == stale ? List.of() : List.of("UNCLAIMED on none > UNCLAIMED on cell-b")));
    }

    @Test
    void aDecisionThatLosesARaceIsRefusedAloneAndTheRestOfItsTransactionIsTaken() throws Exception {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("raced", 3));
        List<ActualLrp> instances = receptor.actualLrps("raced");
        AssignmentBatch batch = new AssignmentBatch(instances.stream().map(i -> assignment(i, "cell-a")).toList(),
                List.of());

        AssignmentResults results;
        try (Connection otherWriter = dataSource.getConnection(); Statement statement = otherWriter.createStatement()) {
            otherWriter.setAutoCommit(false);
            statement.executeUpdate("UPDATE actual_lrps SET cell_id = 'cell-b', modification_index = "
                    + "modification_index + 1 WHERE process_guid = 'raced' AND instance_index = 1");
            CompletableFuture<AssignmentResults> answer = CompletableFuture.supplyAsync(() -> receptor.assign(batch));
            Eventually.await(Duration.ofSeconds(10), "the batch waits for the other writer's row lock",
                    () -> jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                            + " AND datname = current_database()", Long.class) > 0);
            otherWriter.commit();
            results = answer.get(30, TimeUnit.SECONDS);
        }

        assertThat(results.actualLrps()).extracting(r -> r.error() == null ? null : r.error().name())
            .containsExactly(null, "ResourceConflict", null);
        assertThat(receptor.actualLrps("raced")).extracting(ActualLrp::cellId)
            .containsExactly("cell-a", "cell-b", "cell-a");
        assertThat(changesOf(instances.get(0))).as("the rolled-back attempt left no event").hasSize(1);
        assertThat(changesOf(instances.get(2))).hasSize(1);
    }

    @Test
    void anIndexDecidedTwiceInOneBatchIsWrittenTwiceInOrder() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("twice", 2));
        List<ActualLrp> instances = receptor.actualLrps("twice");

        AssignmentResults results = receptor
            .assign(new AssignmentBatch(
                    List.of(new LrpAssignment("twice", 0, null, null, "insufficient resources: memory"),
                            assignment(instances.get(1), "cell-b"), assignment(instances.get(0), "cell-a")),
                    List.of()));

        assertThat(results.actualLrps()).allSatisfy(r -> assertThat(r.error()).isNull());
        ActualLrp twice = receptor.actualLrp("twice", 0);
        assertThat(twice.cellId()).isEqualTo("cell-a");
        assertThat(twice.placementError()).isNull();
        assertThat(twice.modificationTag().index()).isEqualTo(instances.get(0).modificationTag().index() + 2);
        assertThat(changesOf(instances.get(0))).containsExactly("UNCLAIMED on none > UNCLAIMED on none",
                "UNCLAIMED on none > UNCLAIMED on cell-a");
        assertThat(changesOf(instances.get(1))).containsExactly("UNCLAIMED on none > UNCLAIMED on cell-b");
    }

    @Test
    void anInvalidBatchIsRefusedWholeNamingTheItem() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("refused", 1));
        receptor.desireTask(ApiFixtures.task("refused-task", null));
        LrpAssignment valid = assignment(receptor.actualLrp("refused", 0), "cell-a");

        assertRefused(
                new AssignmentBatch(List.of(valid, new LrpAssignment("refused", 0, null, "cell-a", "no room")), null),
                "actual_lrps[1].cell_id, actual_lrps[1].placement_error: exactly one must be given");
        assertRefused(new AssignmentBatch(List.of(valid), List.of(new TaskAssignment("refused-task", "cell a!", null))),
                "tasks[0].cell_id");
        assertRefused(new AssignmentBatch(List.of(valid, new LrpAssignment(null, 0, null, "cell-a", null)), null),
                "actual_lrps[1].process_guid");
        assertRefused(new AssignmentBatch(List.of(valid, new LrpAssignment("refused", -1, null, "cell-a", null)), null),
                "actual_lrps[1].index");
        assertRefused(
                new AssignmentBatch(Collections.nCopies(600, valid),
                        Collections.nCopies(401, new TaskAssignment("refused-task", "cell-a", null))),
                "at most 1000 assignments in one request, got 1001");

        assertThat(receptor.actualLrp("refused", 0).cellId()).isNull();
        assertThat(receptor.task("refused-task").state()).isEqualTo(TaskState.PENDING);
    }

    @Test
    void anEmptyBatchAnswersEmptyResults() {
        AssignmentResults results = receptor().assign(new AssignmentBatch(null, List.of()));

        assertThat(results.actualLrps()).isEmpty();
        assertThat(results.tasks()).isEmpty();
    }

    private void assertRefused(AssignmentBatch batch, String message) {
        assertThat(assertApiError(() -> receptor().assign(batch), 400, "InvalidRequest").getMessage())
            .contains(message);
    }

    /**
     * The instance's {@code actual_lrp_changed} events, each as state and cell before and
     * after.
     */
    private List<String> changesOf(ActualLrp instance) {
        return jdbc.queryForList("""
                SELECT concat(data::json #>> '{actual_lrp_before,state}', ' on ',
                              coalesce(data::json #>> '{actual_lrp_before,cell_id}', 'none'), ' > ',
                              data::json #>> '{actual_lrp_after,state}', ' on ',
                              coalesce(data::json #>> '{actual_lrp_after,cell_id}', 'none'))
                FROM events WHERE type = 'actual_lrp_changed'
                AND data::json #>> '{actual_lrp_before,instance_guid}' = ? ORDER BY id
                """, String.class, instance.instanceGuid());
    }

}
