package io.corral.receptor.task;

import static io.corral.testsupport.ApiAssertions.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskCompletion;
import io.corral.receptor.api.TaskState;
import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.ApiFixtures;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Calls the convergence step directly; time passing is simulated by backdating rows. */
class TaskConvergenceIntegrationTest extends ReceptorIntegrationTest {

    @Autowired
    private TaskConvergence convergence;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private MeterRegistry meters;

    @Test
    void taskClaimedButNeverStartedIsPlacedAgain() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-slow", ApiFixtures.cell("cell-slow", "z1", List.of()));
        claim(receptor, "stuck-claim", "cell-slow");
        claim(receptor, "fresh-claim", "cell-slow");
        backdate("updated_at", "stuck-claim", "31 seconds");

        assertThat(convergence.converge()).isPositive();

        Task replaced = receptor.task("stuck-claim");
        assertThat(replaced.state()).isEqualTo(TaskState.PENDING);
        assertThat(replaced.cellId()).isNull();
        assertThat(receptor.task("fresh-claim").state()).isEqualTo(TaskState.CLAIMED);
        assertThat(receptor.work("cell-slow").tasks()).extracting(Task::taskGuid).containsExactly("fresh-claim");
    }

    @Test
    void tasksOfACellThatIsGoneFail() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-gone", ApiFixtures.cell("cell-gone", "z1", List.of()));
        receptor.heartbeat("cell-alive", ApiFixtures.cell("cell-alive", "z1", List.of()));
        claim(receptor, "lost-claimed", "cell-gone");
        claim(receptor, "lost-running", "cell-gone");
        receptor.startTask("cell-gone", "lost-running");
        claim(receptor, "safe-running", "cell-alive");
        receptor.startTask("cell-alive", "safe-running");
        jdbc.update("UPDATE cells SET expires_at = now() - interval '1 second' WHERE cell_id = 'cell-gone'");

        convergence.converge();

        for (String guid : List.of("lost-claimed", "lost-running")) {
            Task failed = receptor.task(guid);
            assertThat(failed.state()).isEqualTo(TaskState.COMPLETED);
            assertThat(failed.failed()).isTrue();
            assertThat(failed.failureReason()).isEqualTo("cell disappeared before completion");
        }
        assertThat(receptor.task("safe-running").state()).isEqualTo(TaskState.RUNNING);
    }

    @Test
    void completedTasksAreDeletedAfterTheirRetention() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-r", ApiFixtures.cell("cell-r", "z1", List.of()));
        for (String guid : List.of("old-result", "new-result")) {
            claim(receptor, guid, "cell-r");
            receptor.startTask("cell-r", guid);
            receptor.completeTask("cell-r", guid, new TaskCompletion(false, null, "done"));
        }
        backdate("completed_at", "old-result", "121 seconds");

        convergence.converge();

        assertApiError(() -> receptor.task("old-result"), 404, "TaskNotFound");
        assertThat(receptor.task("new-result").state()).isEqualTo(TaskState.COMPLETED);
    }

    @Test
    void taskLeftResolvingByAStoppedReplicaReturnsToCompleted() {
        ReceptorClient receptor = receptor();
        receptor.desireTask(ApiFixtures.task("orphaned", null));
        receptor.cancelTask("orphaned");
        jdbc.update("UPDATE tasks SET state = 'RESOLVING', updated_at = now() - interval '6 minutes'"
                + " WHERE task_guid = 'orphaned'");

        convergence.converge();

        assertThat(receptor.task("orphaned").state()).isEqualTo(TaskState.COMPLETED);
        receptor.deleteTask("orphaned");
    }

    @Test
    void gaugeCountsTasksByState() {
        ReceptorClient receptor = receptor();
        receptor.desireTask(ApiFixtures.task("counted-1", null));
        receptor.desireTask(ApiFixtures.task("counted-2", null));
        receptor.cancelTask("counted-2");
        long pending = jdbc.queryForObject("SELECT count(*) FROM tasks WHERE state = 'PENDING'", Long.class);

        assertThat(meters.get("corral.tasks").tag("state", "PENDING").gauge().value()).isEqualTo(pending);
        assertThat(meters.get("corral.tasks").tag("state", "COMPLETED").gauge().value()).isPositive();
    }

    private static void claim(ReceptorClient receptor, String taskGuid, String cellId) {
        receptor.desireTask(ApiFixtures.task(taskGuid, null));
        receptor.assignTask(taskGuid, new Assignment(null, cellId, null));
    }

    private void backdate(String column, String taskGuid, String age) {
        jdbc.update("UPDATE tasks SET " + column + " = now() - interval '" + age + "' WHERE task_guid = ?", taskGuid);
    }

}
