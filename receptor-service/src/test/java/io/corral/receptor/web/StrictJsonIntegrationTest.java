package io.corral.receptor.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.Task;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestTokens;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The receptor reads JSON strictly: no value is coerced to another type, a key given
 * twice is refused, and valid JSON of the wrong shape says which field and what was
 * expected.
 */
class StrictJsonIntegrationTest extends ReceptorIntegrationTest {

    private static final String PROCESS = "strict-web";

    @AfterEach
    void nothingWasStored() {
        assertThat(receptor().desiredLrps()).extracting(DesiredLrp::processGuid).doesNotContain(PROCESS, "12345");
        assertThat(receptor().tasks()).extracting(Task::taskGuid).doesNotContain("strict-task");
        assertThat(receptor().cells()).extracting(Cell::cellId).doesNotContain("cell-strict");
    }

    @Test
    void scalarsAreNeverCoerced() {
        desire(n -> n.put("instances", "2")).assertError(400, "InvalidRequest", "instances: expected an integer");
        desire(n -> n.put("instances", 2.7)).assertError(400, "InvalidRequest", "instances: expected an integer");
        desire(n -> n.put("privileged", 1)).assertError(400, "InvalidRequest", "privileged: expected a boolean");
        desire(n -> n.put("privileged", "true")).assertError(400, "InvalidRequest", "privileged: expected a boolean");
        desire(n -> n.putArray("ports").add(8080.5)).assertError(400, "InvalidRequest",
                "ports[0]: expected an integer");
        desire(n -> n.put("process_guid", 12345)).assertError(400, "InvalidRequest", "process_guid: expected a string");
        desire(n -> n.put("domain", true)).assertError(400, "InvalidRequest", "domain: expected a string");
        desire(n -> n.putArray("placement_tags").add(1).add(2)).assertError(400, "InvalidRequest",
                "placement_tags[0]: expected a string");
        task(n -> n.put("memory_mb", "128")).assertError(400, "InvalidRequest", "memory_mb: expected an integer");
        task(n -> n.put("task_guid", 7)).assertError(400, "InvalidRequest", "task_guid: expected a string");
        heartbeat(n -> ((ObjectNode) n.get("capacity")).put("memory_mb", 1.5)).assertError(400, "InvalidRequest",
                "capacity.memory_mb: expected an integer");
        heartbeat(n -> n.put("ttl_seconds", "30")).assertError(400, "InvalidRequest",
                "ttl_seconds: expected an integer");
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingIt() {
        String desired = json(ApiFixtures.desiredLrp(PROCESS, 1));
        send("POST", "/v1/desired_lrps", desired.replaceFirst("\\{", "{\"instances\": 3, ")).assertError(400,
                "InvalidRequest", "instances: appears more than once");
        String cell = json(ApiFixtures.cell("cell-strict", "z1", List.of()));
        send("PUT", "/v1/cells/cell-strict", cell.replaceFirst("\"capacity\":\\{", "\"capacity\":{\"containers\": 1, "))
            .assertError(400, "InvalidRequest", "capacity.containers: appears more than once");
    }

    @Test
    void validJsonOfTheWrongShapeSaysWhatWasExpected() {
        send("POST", "/v1/desired_lrps", "[]").assertError(400, "InvalidRequest", "request body: expected an object");
        send("POST", "/v1/tasks", "\"task\"").assertError(400, "InvalidRequest", "request body: expected an object");
        desire(n -> n.put("ports", 8080)).assertError(400, "InvalidRequest", "ports: expected an array");
        desire(n -> n.putArray("env").add("A=1")).assertError(400, "InvalidRequest", "env[0]: expected an object");
        task(n -> n.put("state", "EXPLODED")).assertError(400, "InvalidRequest", "state: expected one of");
        send("POST", "/v1/tasks", "{\"task_guid\": ").assertError(400, "InvalidJSON", "not valid JSON");
    }

    @Test
    void answersWithFieldsAReaderDoesNotKnowAreStillRead() {
        String answer = json(ApiFixtures.task("strict-known", null)).replaceFirst("\\{", "{\"added_later\": [1], ");
        assertThat(ReceptorJson.mapper().readValue(answer, Task.class).taskGuid()).isEqualTo("strict-known");
    }

    private RawHttp.Response desire(Consumer<ObjectNode> change) {
        return send("POST", "/v1/desired_lrps", changed(ApiFixtures.desiredLrp(PROCESS, 1), change));
    }

    private RawHttp.Response task(Consumer<ObjectNode> change) {
        return send("POST", "/v1/tasks", changed(ApiFixtures.task("strict-task", null), change));
    }

    private RawHttp.Response heartbeat(Consumer<ObjectNode> change) {
        return send("PUT", "/v1/cells/cell-strict", changed(ApiFixtures.cell("cell-strict", "z1", List.of()), change));
    }

    private RawHttp.Response send(String method, String path, String json) {
        return new RawHttp(baseUri()).send(method, path, TestTokens.receptorAdmin(), json);
    }

    private static String json(Object request) {
        return ReceptorJson.mapper().writeValueAsString(request);
    }

    private static String changed(Object request, Consumer<ObjectNode> change) {
        ObjectNode json = ReceptorJson.mapper().valueToTree(request);
        change.accept(json);
        return json.toString();
    }

}
