package io.corral.receptor.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskState;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestTokens;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Inputs the database or the event writer could not take are refused at the edge, naming
 * the field: a NUL in any string, a document nested too deep, a callback URL no client
 * could call. Nothing is stored, and the cell's work stays readable.
 */
class StoredInputIntegrationTest extends ReceptorIntegrationTest {

    private static final String CELL = "cell-stored";

    private static final String PROCESS = "stored-web";

    private static final String TASK = "stored-task";

    private static final String NUL = "a\0b";

    private ActualLrp assigned;

    @BeforeEach
    void workOnTheCell() {
        if (receptor().cells().stream().noneMatch(cell -> cell.cellId().equals(CELL))) {
            receptor().heartbeat(CELL, ApiFixtures.cell(CELL, "z1", List.of()));
            receptor().desireLrp(ApiFixtures.desiredLrp(PROCESS, 1));
            ActualLrp unclaimed = receptor().actualLrp(PROCESS, 0);
            receptor().assign(PROCESS, 0, new Assignment(unclaimed.instanceGuid(), CELL, null));
            receptor().desireTask(ApiFixtures.task(TASK, null));
            receptor().assignTask(TASK, new Assignment(null, CELL, null));
            receptor().startTask(CELL, TASK);
        }
        assigned = receptor().actualLrp(PROCESS, 0);
    }

    @Test
    void aNulInAnyStringIsRefusedNamingTheField() {
        String report = "/v1/cells/" + CELL + "/actual_lrps/" + PROCESS + "/index/0/";
        assertNul(send("PUT", "/v1/cells/cell-nul", cell(n -> n.put("rep_address", NUL))), "rep_address");
        assertNul(send("PUT", "/v1/cells/cell-nul", cell(n -> n.putArray("rootfs_providers").add(NUL))),
                "rootfs_providers[0]");
        assertNul(send("POST", report + "start", transition(n -> n.put("address", NUL))), "address");
        assertNul(send("POST", report + "crash", transition(n -> n.put("crash_reason", NUL))), "crash_reason");
        assertNul(send("POST", report + "fail", transition(n -> n.put("placement_error", NUL))), "placement_error");
        String complete = "/v1/cells/" + CELL + "/tasks/" + TASK + "/complete";
        assertNul(send("POST", complete, "{\"failed\": false, \"result\": \"a\\u0000\"}"), "result");
        assertNul(send("POST", complete, "{\"failed\": true, \"failure_reason\": \"\\u0000\"}"), "failure_reason");
        assertNul(
                send("POST", "/v1/assignments",
                        "{\"tasks\": [{\"task_guid\": \"t\", \"placement_error\": \"no\\u0000\"}]}"),
                "tasks[0].placement_error");

        assertThat(receptor().cells()).extracting(c -> c.cellId()).doesNotContain("cell-nul");
        assertThat(receptor().actualLrp(PROCESS, 0)).isEqualTo(assigned);
        assertThat(receptor().task(TASK).state()).isEqualTo(TaskState.RUNNING);
    }

    @Test
    void aNulAnywhereInADesireOrTaskIsRefusedNamingItsPlace() {
        assertNul(send("POST", "/v1/desired_lrps", desire("nul-web", n -> n.put("annotation", NUL))), "annotation");
        assertNul(
                send("POST", "/v1/desired_lrps",
                        desire("nul-web",
                                n -> ((ObjectNode) n.get("action").get("run")).putArray("args").add("x").add(NUL))),
                "action.run.args[1]");
        assertNul(
                send("POST", "/v1/desired_lrps",
                        desire("nul-web", n -> ((ObjectNode) n.get("action").get("run")).put("user\0", "vcap"))),
                "action.run.user\\u0000");
        assertNul(send("POST", "/v1/tasks", task("nul-task", n -> n.putArray("placement_tags").add(NUL))),
                "placement_tags[0]");
        assertNul(send("POST", "/v1/tasks", task("nul-task", n -> n.put("result_file", NUL))), "result_file");

        assertThat(receptor().desiredLrps()).extracting(DesiredLrp::processGuid).doesNotContain("nul-web");
        assertThat(receptor().tasks()).extracting(Task::taskGuid).doesNotContain("nul-task");
    }

    @Test
    void aNulInAPathOrQueryIsAClientError() {
        for (String path : List.of("/v1/tasks/a%00b", "/v1/desired_lrps/a%00b", "/v1/domains/a%00b/tasks",
                "/v1/actual_lrps/a%00b", "/v1/cells/a%00b/work")) {
            RawHttp.Response response = http().send("GET", path, TestTokens.receptorAdmin(), null);
            assertThat(response.status()).as("status of GET %s: %s", path, response.body()).isBetween(400, 499);
        }
    }

    @Test
    void actionsNestedTooDeepAreRefusedAndShallowOnesKept() {
        send("POST", "/v1/desired_lrps", withAction(desire("deep-web", n -> {
        }), 40)).assertError(400, "InvalidRequest", "action: ", "64");
        for (int levels : new int[] { 40, 498 }) {
            send("POST", "/v1/tasks", withAction(task("deep-task", n -> {
            }), levels)).assertError(400, "InvalidRequest", "action: ", "64");
        }

        send("POST", "/v1/tasks", withAction(task("nested-task", n -> {
        }), 10)).expect(201);
        receptor().assignTask("nested-task", new Assignment(null, CELL, null));

        assertThat(receptor().desiredLrps()).extracting(DesiredLrp::processGuid).doesNotContain("deep-web");
        assertThat(receptor().tasks()).extracting(Task::taskGuid).doesNotContain("deep-task");
        assertThat(receptor().work(CELL).tasks()).extracting(Task::taskGuid).contains("nested-task");
        assertThat(receptor().work(CELL).actualLrps()).extracting(ActualLrp::state)
            .containsOnly(ActualLrpState.UNCLAIMED);
    }

    @Test
    void aCallbackUrlNoClientCouldCallIsRefused() {
        for (String url : List.of("http://x y/cb", "http:///cb", "ftp://host/cb", "/cb", "http://", "mailto:a@b")) {
            send("POST", "/v1/tasks", task("callback-task", n -> n.put("completion_callback_url", url)))
                .assertError(400, "InvalidRequest", "completion_callback_url");
        }
        assertThat(receptor().tasks()).extracting(Task::taskGuid).doesNotContain("callback-task");

        send("POST", "/v1/tasks",
                task("callback-ok", n -> n.put("completion_callback_url", "https://cc.example.com:9023/v3/cb?x=1")))
            .expect(201);
    }

    /**
     * {@code request} with its action put {@code levels} deep in {@code {"serial":
     * {"actions": [...]}}}: as text, deeper than a tree can be written.
     */
    private static String withAction(String request, int levels) {
        String action = "{\"serial\": {\"actions\": [".repeat(levels) + ApiFixtures.runAction("/bin/deep")
                + "]}}".repeat(levels);
        JsonNode json = ReceptorJson.mapper().readTree(request);
        return request.replace(json.get("action").toString(), action);
    }

    private static void assertNul(RawHttp.Response response, String field) {
        response.assertError(400, "InvalidRequest", field + ": ", "NUL");
    }

    private RawHttp.Response send(String method, String path, String json) {
        return http().send(method, path, TestTokens.receptorAdmin(), json);
    }

    private RawHttp http() {
        return new RawHttp(baseUri());
    }

    private String transition(Consumer<ObjectNode> change) {
        return changed(ApiFixtures.transition(assigned), change);
    }

    private static String cell(Consumer<ObjectNode> change) {
        return changed(ApiFixtures.cell("cell-nul", "z1", List.of()), change);
    }

    private static String desire(String processGuid, Consumer<ObjectNode> change) {
        return changed(ApiFixtures.desiredLrp(processGuid, 1), change);
    }

    private static String task(String taskGuid, Consumer<ObjectNode> change) {
        return changed(ApiFixtures.task(taskGuid, null), change);
    }

    private static String changed(Object request, Consumer<ObjectNode> change) {
        ObjectNode json = ReceptorJson.mapper().valueToTree(request);
        change.accept(json);
        return json.toString();
    }

}
