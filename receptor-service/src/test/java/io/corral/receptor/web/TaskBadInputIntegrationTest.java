package io.corral.receptor.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskState;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Values a field's type cannot hold, an unknown enum value among them, name the field and
 * store nothing.
 */
class TaskBadInputIntegrationTest extends ReceptorIntegrationTest {

    @Test
    void anUnknownStateIsRefusedNamingTheField() {
        ObjectNode task = ReceptorJson.mapper().valueToTree(ApiFixtures.task("enum-task", null));
        task.put("state", "EXPLODED");

        new RawHttp(baseUri()).send("POST", "/v1/tasks", TestTokens.receptorAdmin(), task.toString())
            .assertError(400, "InvalidRequest", "state");

        assertThat(receptor().tasks()).extracting(Task::taskGuid).doesNotContain("enum-task");
    }

    @Test
    void aCompletionWhoseFailedIsNotABooleanIsRefused() {
        receptor().heartbeat("cell-enum", ApiFixtures.cell("cell-enum", "z1", List.of()));
        receptor().desireTask(ApiFixtures.task("typed-task", null));

        new RawHttp(baseUri())
            .send("POST", "/v1/cells/cell-enum/tasks/typed-task/complete", TestTokens.receptorAdmin(),
                    "{\"failed\": \"maybe\"}")
            .assertError(400, "InvalidRequest", "failed");

        assertThat(receptor().task("typed-task").state()).isEqualTo(TaskState.PENDING);
    }

}
