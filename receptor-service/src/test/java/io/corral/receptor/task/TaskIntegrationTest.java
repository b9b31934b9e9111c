package io.corral.receptor.task;

import static io.corral.testsupport.ApiAssertions.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.CellWork;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskCompletion;
import io.corral.receptor.api.TaskState;
import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.api.event.ReceptorEvent.TaskChanged;
import io.corral.receptor.api.event.ReceptorEvent.TaskCreated;
import io.corral.receptor.api.event.ReceptorEvent.TaskRemoved;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorEvents;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

@TestPropertySource(properties = { "corral.tasks.callback-attempts=3", "corral.tasks.callback-backoff=50ms" })
class TaskIntegrationTest extends ReceptorIntegrationTest {

    private static final Duration CALLBACK_WAIT = Duration.ofSeconds(15);

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void taskRunsOnItsCellAndIsGoneOnceItsCallbackIsAcknowledged() throws Exception {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of()));
        try (CallbackReceiver callbacks = new CallbackReceiver(200)) {
            receptor.desireTask(ApiFixtures.task("migrate", callbacks.url()));

            Task pending = receptor.task("migrate");
            assertThat(pending.state()).isEqualTo(TaskState.PENDING);
            assertThat(pending.cellId()).isNull();
            assertThat(pending.failed()).isFalse();
            assertThat(pending.action()).isEqualTo(ApiFixtures.runAction("/bin/migrate"));
            assertThat(pending.createdAt()).isPositive();

            Task claimed = receptor.assignTask("migrate", new Assignment(null, "cell-a", null));
            assertThat(claimed.state()).isEqualTo(TaskState.CLAIMED);
            assertThat(claimed.cellId()).isEqualTo("cell-a");

            assertThat(receptor.startTask("cell-a", "migrate").state()).isEqualTo(TaskState.RUNNING);
            assertThat(receptor.startTask("cell-a", "migrate").state()).as("a repeated start")
                .isEqualTo(TaskState.RUNNING);

            Task completed = receptor.completeTask("cell-a", "migrate", new TaskCompletion(false, null, "42 rows"));
            assertThat(completed.state()).isEqualTo(TaskState.COMPLETED);
            assertThat(completed.result()).isEqualTo("42 rows");

            Eventually.untilPasses(CALLBACK_WAIT,
                    () -> assertApiError(() -> receptor.task("migrate"), 404, "TaskNotFound"));
            assertThat(callbacks.received()).singleElement().satisfies(body -> {
                assertThat(body.path("task_guid").asString()).isEqualTo("migrate");
                assertThat(body.path("failed").asBoolean()).isFalse();
                assertThat(body.path("result").asString()).isEqualTo("42 rows");
            });
            assertThat(eventsOf("migrate")).containsExactly(TaskCreated.NAME, TaskChanged.NAME + " PENDING>CLAIMED",
                    TaskChanged.NAME + " CLAIMED>RUNNING", TaskChanged.NAME + " RUNNING>COMPLETED",
                    TaskChanged.NAME + " COMPLETED>RESOLVING", TaskRemoved.NAME);
        }
    }

    @Test
    void taskWhoseCallbackKeepsFailingEndsCompletedAndCanBeDeleted() throws Exception {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-b", ApiFixtures.cell("cell-b", "z1", List.of()));
        try (CallbackReceiver callbacks = new CallbackReceiver(500)) {
            receptor.desireTask(ApiFixtures.task("flaky-cc", callbacks.url()));
            receptor.assignTask("flaky-cc", new Assignment(null, "cell-b", null));
            receptor.startTask("cell-b", "flaky-cc");
            receptor.completeTask("cell-b", "flaky-cc", new TaskCompletion(true, "exit status 2", null));

            Eventually.untilPasses(CALLBACK_WAIT,
                    () -> assertThat(eventsOf("flaky-cc")).endsWith(TaskChanged.NAME + " RESOLVING>COMPLETED"));
            assertThat(callbacks.received()).hasSize(3);
            Task completed = receptor.task("flaky-cc");
            assertThat(completed.state()).isEqualTo(TaskState.COMPLETED);
            assertThat(completed.failed()).isTrue();
            assertThat(completed.failureReason()).isEqualTo("exit status 2");

            receptor.deleteTask("flaky-cc");
            assertApiError(() -> receptor.task("flaky-cc"), 404, "TaskNotFound");
        }
    }

    @Test
    void cancellingARunningTaskCompletesItAsFailedAndTakesItOffTheCell() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-c", ApiFixtures.cell("cell-c", "z1", List.of()));
        receptor.desireTask(ApiFixtures.task("long-job", null));
        receptor.assignTask("long-job", new Assignment(null, "cell-c", null));
        receptor.startTask("cell-c", "long-job");

        Task cancelled = receptor.cancelTask("long-job");
        assertThat(cancelled.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(cancelled.failed()).isTrue();
        assertThat(cancelled.failureReason()).isEqualTo("task was cancelled");
        assertThat(receptor.work("cell-c").tasks()).isEmpty();
        assertApiError(() -> receptor.cancelTask("long-job"), 409, "ResourceConflict");
        assertApiError(() -> receptor.completeTask("cell-c", "long-job", new TaskCompletion(false, null, null)), 409,
                "ResourceConflict");

        receptor.deleteTask("long-job");
        assertThat(receptor.tasks()).extracting(Task::taskGuid).doesNotContain("long-job");
    }

    @Test
    void deletingATaskBeforeItCompletedIsRefused() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-d", ApiFixtures.cell("cell-d", "z1", List.of()));
        receptor.desireTask(ApiFixtures.task("not-yet", null));

        assertApiError(() -> receptor.deleteTask("not-yet"), 409, "ResourceConflict");
        receptor.assignTask("not-yet", new Assignment(null, "cell-d", null));
        receptor.startTask("cell-d", "not-yet");
        assertApiError(() -> receptor.deleteTask("not-yet"), 409, "ResourceConflict");
        assertThat(receptor.task("not-yet").state()).isEqualTo(TaskState.RUNNING);
    }

    @Test
    void anotherCellCannotStartOrCompleteTheTask() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-e", ApiFixtures.cell("cell-e", "z1", List.of()));
        receptor.desireTask(ApiFixtures.task("mine", null));
        receptor.assignTask("mine", new Assignment(null, "cell-e", null));

        assertApiError(() -> receptor.startTask("cell-x", "mine"), 409, "ResourceConflict");
        receptor.startTask("cell-e", "mine");
        assertApiError(() -> receptor.completeTask("cell-x", "mine", new TaskCompletion(false, null, "stolen")), 409,
                "ResourceConflict");
        assertThat(receptor.task("mine").state()).isEqualTo(TaskState.RUNNING);
    }

    @Test
    void placementDecisionsAreCheckedAndAnErrorKeepsTheTaskPending() {
        ReceptorClient receptor = receptor();
        receptor.desireTask(ApiFixtures.task("hard-to-place", null));

        assertApiError(() -> receptor.assignTask("hard-to-place", new Assignment(null, "no-such-cell", null)), 409,
                "ResourceConflict");
        assertApiError(() -> receptor.assignTask("hard-to-place", new Assignment(null, null, null)), 400,
                "InvalidRequest");
        Task unplaced = receptor.assignTask("hard-to-place", new Assignment(null, null, "found no compatible cell"));
        assertThat(unplaced.state()).isEqualTo(TaskState.PENDING);
        assertThat(unplaced.placementError()).isEqualTo("found no compatible cell");
        assertApiError(() -> receptor.assignTask("unknown-task", new Assignment(null, null, "x")), 404, "TaskNotFound");
    }

    @Test
    void aTaskGuidIsDesiredOnceAndListedByDomain() {
        ReceptorClient receptor = receptor();
        receptor.desireTask(ApiFixtures.task("once", null));

        assertApiError(() -> receptor.desireTask(ApiFixtures.task("once", null)), 409, "ResourceConflict");
        assertThat(receptor.tasks("cf-tasks")).extracting(Task::taskGuid).contains("once");
        assertThat(receptor.tasks("other-domain")).isEmpty();
        assertApiError(() -> receptor.task("never-desired"), 404, "TaskNotFound");
    }

    @Test
    void invalidTasksAreRefusedNamingTheFieldAndNothingIsStored() {
        ReceptorClient receptor = receptor();
        JsonNode unknownKind = ReceptorJson.mapper().readTree("{\"explode\": {\"now\": true}}");
        String hugeAnnotation = "x".repeat(10 * 1024 + 1);

        assertRefused(() -> receptor.desireTask(ApiFixtures.task("bad guid!", null)), "task_guid");
        assertRefused(() -> receptor.desireTask(ApiFixtures.task("no-action", null, null, null)), "action");
        assertRefused(() -> receptor.desireTask(ApiFixtures.task("unknown-kind", unknownKind, null, null)),
                "action: unknown action 'explode'");
        assertRefused(
                () -> receptor
                    .desireTask(ApiFixtures.task("huge", ApiFixtures.runAction("/bin/true"), hugeAnnotation, null)),
                "annotation");

        assertThat(receptor.tasks()).extracting(Task::taskGuid)
            .doesNotContain("bad guid!", "no-action", "unknown-kind", "huge");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM events WHERE data LIKE '%unknown-kind%'", Long.class))
            .isZero();
    }

    @Test
    void workOfACellListsItsInstancesAndUnfinishedTasks() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-w", ApiFixtures.cell("cell-w", "z1", List.of()));
        receptor.desireLrp(ApiFixtures.desiredLrp("worker", 1));
        ActualLrp instance = receptor.actualLrp("worker", 0);
        receptor.assign("worker", 0, new Assignment(instance.instanceGuid(), "cell-w", null));
        for (String guid : List.of("w-claimed", "w-running", "w-done", "w-pending")) {
            receptor.desireTask(ApiFixtures.task(guid, null));
        }
        receptor.assignTask("w-claimed", new Assignment(null, "cell-w", null));
        receptor.assignTask("w-running", new Assignment(null, "cell-w", null));
        receptor.startTask("cell-w", "w-running");
        receptor.assignTask("w-done", new Assignment(null, "cell-w", null));
        receptor.startTask("cell-w", "w-done");
        receptor.completeTask("cell-w", "w-done", new TaskCompletion(false, null, null));

        CellWork work = receptor.work("cell-w");
        assertThat(work.actualLrps()).extracting(ActualLrp::processGuid, ActualLrp::index)
            .containsExactly(tuple("worker", 0));
        assertThat(work.tasks()).extracting(Task::taskGuid, Task::state)
            .containsExactly(tuple("w-claimed", TaskState.CLAIMED), tuple("w-running", TaskState.RUNNING));
        CellWork idle = receptor.work("idle-cell");
        assertThat(idle.actualLrps()).isEmpty();
        assertThat(idle.tasks()).isEmpty();
    }

    /**
     * The task's events, each as its name and, for a change, the states before and after.
     */
    private List<String> eventsOf(String taskGuid) {
        return jdbc
            .query("SELECT id, type, data FROM events ORDER BY id",
                    (row, n) -> ReceptorEvents.decode(row.getLong("id"), row.getString("type"), row.getString("data"))
                        .map(event -> describe(event, taskGuid))
                        .orElse(null))
            .stream()
            .filter(Objects::nonNull)
            .toList();
    }

    private static String describe(ReceptorEvent event, String taskGuid) {
        if (event instanceof TaskCreated created && created.task().taskGuid().equals(taskGuid)) {
            return TaskCreated.NAME;
        }
        if (event instanceof TaskChanged changed && changed.after().taskGuid().equals(taskGuid)) {
            return TaskChanged.NAME + " " + changed.before().state() + ">" + changed.after().state();
        }
        if (event instanceof TaskRemoved removed && removed.task().taskGuid().equals(taskGuid)) {
            return TaskRemoved.NAME;
        }
        return null;
    }

    private static void assertRefused(ThrowingCallable request, String field) {
        assertThat(assertApiError(request, 400, "InvalidRequest").getMessage()).contains(field);
    }

}
