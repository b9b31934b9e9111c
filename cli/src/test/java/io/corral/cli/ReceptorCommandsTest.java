package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.client.RawEvent;
import io.corral.receptor.client.ReceptorEventStream;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * cells, lrps, actuals, tasks and events against a real receptor with placement placing.
 */
@ExtendWith(WithControlPlane.class)
class ReceptorCommandsTest {

    private final ControlPlane platform = WithControlPlane.controlPlane();

    private final CliRunner corral = WithControlPlane.cli();

    @Test
    void cellsListsThePresentCellsAsATableOrJson() {
        CliRunner.Result table = corral.run("cells");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out().lines().findFirst()).hasValueSatisfying(
                heading -> assertThat(heading).startsWith("CELL").contains("ZONE", "MEMORY_MB", "EXPIRES_IN", "STATE"));
        assertThat(table.out()).containsPattern("cell-1 +z1 +16384 +65536 +250 .* taking work");

        CliRunner.Result json = corral.run("cells", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.json().isArray()).isTrue();
        assertThat(json.json().get(0).path("cell_id").asString()).isEqualTo(ControlPlane.CELL);
        assertThat(json.json().get(0).path("capacity").path("memory_mb").asInt()).isEqualTo(16384);
    }

    @Test
    void aDesiredLrpShowsInLrpsAndItsPlacedInstancesInActuals() {
        platform.receptor.desireLrp(ApiFixtures.desiredLrp("cli-web-v1", 2));
        platform.placed("cli-web-v1", 0);
        platform.placed("cli-web-v1", 1);

        CliRunner.Result lrps = corral.run("lrps");
        assertThat(lrps.exitCode()).as(lrps.toString()).isZero();
        assertThat(lrps.out()).containsPattern("cli-web-v1 +cf-apps +2 +256 +1024 +preloaded:cflinuxfs4");

        CliRunner.Result one = corral.run("lrps", "cli-web-v1", "--json");
        assertThat(one.json().path("process_guid").asString()).isEqualTo("cli-web-v1");
        assertThat(one.json().path("action").path("run").path("path").asString()).isEqualTo("/app/start");

        CliRunner.Result actuals = corral.run("actuals", "cli-web-v1");
        assertThat(actuals.exitCode()).as(actuals.toString()).isZero();
        assertThat(actuals.out()).containsPattern("cli-web-v1 +0 +UNCLAIMED +cell-1")
            .containsPattern("cli-web-v1 +1 +UNCLAIMED +cell-1");

        CliRunner.Result json = corral.run("--json", "actuals", "--cell", "cell-1", "--state", "unclaimed");
        List<String> instances = new ArrayList<>();
        json.json().forEach(lrp -> instances.add(lrp.path("process_guid").asString() + "/" + lrp.path("index")));
        assertThat(instances).contains("cli-web-v1/0", "cli-web-v1/1");
    }

    @Test
    void actualsFiltersByState() {
        platform.receptor.desireLrp(ApiFixtures.desiredLrp("cli-filter-v1", 1));
        platform.run("cli-filter-v1", 0, "10.0.0.7", List.of());

        CliRunner.Result running = corral.run("actuals", "--state", "RUNNING,CRASHED", "--json");
        assertThat(running.exitCode()).isZero();
        List<String> states = new ArrayList<>();
        running.json().forEach(lrp -> states.add(lrp.path("state").asString()));
        assertThat(states).isNotEmpty().allMatch(state -> state.equals("RUNNING") || state.equals("CRASHED"));
        assertThat(running.out()).contains("cli-filter-v1");

        CliRunner.Result none = corral.run("actuals", "cli-filter-v1", "--state", "CRASHED");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).isEqualTo("No instances match.\n");
    }

    @Test
    void tasksListsTasksByState() {
        platform.receptor.desireTask(ApiFixtures.task("cli-migrate-1", null));

        CliRunner.Result tasks = corral.run("tasks");
        assertThat(tasks.exitCode()).as(tasks.toString()).isZero();
        assertThat(tasks.out()).containsPattern("cli-migrate-1 +cf-tasks +(PENDING|CLAIMED)");

        CliRunner.Result one = corral.run("tasks", "cli-migrate-1", "--json");
        assertThat(one.json().path("task_guid").asString()).isEqualTo("cli-migrate-1");

        CliRunner.Result completed = corral.run("tasks", "--state", "COMPLETED");
        assertThat(completed.out()).doesNotContain("cli-migrate-1");
    }

    @Test
    void eventsPrintsTheStreamAfterAnEventOneLineEach() throws InterruptedException {
        long created = desiredLrpCreatedEvent("cli-events-v1");

        CliRunner.Result json = corral.run("events", "--after", String.valueOf(created - 1), "--count", "2", "--json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        List<JsonNode> events = json.out().lines().map(line -> ReceptorJson.mapper().readTree(line)).toList();
        assertThat(events).extracting(event -> event.path("type").asString())
            .containsExactly("desired_lrp_created", "actual_lrp_created");
        assertThat(events.get(0).path("id").asLong()).isEqualTo(created);
        assertThat(events.get(1).path("data").path("actual_lrp").path("process_guid").asString())
            .isEqualTo("cli-events-v1");

        CliRunner.Result text = corral.run("events", "--after", String.valueOf(created - 1), "--count", "2");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out().lines().toList()).satisfiesExactly(
                line -> assertThat(line).matches(created + " +desired_lrp_created +cli-events-v1 instances=1"),
                line -> assertThat(line).matches("\\d+ +actual_lrp_created +cli-events-v1/0 UNCLAIMED"));
    }

    @Test
    void aMissingRecordExitsWithTheNotFoundCode() {
        CliRunner.Result missing = corral.run("lrps", "no-such-lrp");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.err()).contains("no-such-lrp").contains("404 DesiredLRPNotFound");
        assertThat(missing.out()).isEmpty();
    }

    /**
     * Desires an LRP while following the stream: the id of its
     * {@code desired_lrp_created}.
     */
    private long desiredLrpCreatedEvent(String processGuid) throws InterruptedException {
        try (ReceptorEventStream stream = ReceptorEventStream.open(platform.receptorService.uri(),
                () -> ControlPlane.EVERY_SCOPE)) {
            platform.receptor.desireLrp(ApiFixtures.desiredLrp(processGuid, 1));
            while (true) {
                RawEvent event = stream.poll(ControlPlane.WITHIN);
                assertThat(event).as("an event").isNotNull();
                if (event.type().equals("desired_lrp_created")
                        && event.data().path("desired_lrp").path("process_guid").asString().equals(processGuid)) {
                    return event.id();
                }
            }
        }
    }

}
