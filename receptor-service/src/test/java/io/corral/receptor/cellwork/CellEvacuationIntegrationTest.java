package io.corral.receptor.cellwork;

import static io.corral.testsupport.ApiAssertions.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellEvacuation;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.TaskState;
import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cell's agent shutting down evacuates its cell: no new work for it, its RUNNING
 * instances run on until their replacements run elsewhere, and what it had not started
 * goes back to be placed elsewhere.
 */
class CellEvacuationIntegrationTest extends ReceptorIntegrationTest {

    @Test
    void aCellsEvacuationMovesEverythingItRunsOrWasToRunInOneCall() {
        ReceptorClient receptor = receptor();
        heartbeat("cell-leaving", false);
        heartbeat("cell-staying", false);
        receptor.desireLrp(ApiFixtures.desiredLrp("leaving-web", 5));
        ActualLrp running0 = ApiFixtures.runInstance(receptor, "cell-leaving", "leaving-web", 0);
        ActualLrp running1 = ApiFixtures.runInstance(receptor, "cell-leaving", "leaving-web", 1);
        ActualLrp claimed = claim(place("leaving-web", 2, "cell-leaving"));
        ActualLrp placed = place("leaving-web", 3, "cell-leaving");
        ActualLrp elsewhere = ApiFixtures.runInstance(receptor, "cell-staying", "leaving-web", 4);
        receptor.desireTask(ApiFixtures.task("leaving-claimed", null));
        receptor.assignTask("leaving-claimed", new Assignment(null, "cell-leaving", null));
        receptor.desireTask(ApiFixtures.task("leaving-running", null));
        receptor.assignTask("leaving-running", new Assignment(null, "cell-leaving", null));
        receptor.startTask("cell-leaving", "leaving-running");

        CellEvacuation evacuation = receptor.evacuateCell("cell-leaving");

        assertThat(cell("cell-leaving").evacuating()).isTrue();
        assertThat(cell("cell-staying").evacuating()).isFalse();
        assertThat(evacuation.cellId()).isEqualTo("cell-leaving");
        assertThat(evacuation.evacuating()).extracting(ActualLrp::instanceGuid, ActualLrp::state, ActualLrp::evacuating)
            .containsExactly(tuple(running0.instanceGuid(), ActualLrpState.RUNNING, true),
                    tuple(running1.instanceGuid(), ActualLrpState.RUNNING, true));
        assertThat(evacuation.released())
            .extracting(ActualLrp::index, ActualLrp::state, ActualLrp::cellId, ActualLrp::placementError)
            .containsExactly(tuple(2, ActualLrpState.UNCLAIMED, null, "cell cell-leaving is evacuating"),
                    tuple(3, ActualLrpState.UNCLAIMED, null, "cell cell-leaving is evacuating"));
        assertThat(evacuation.released()).extracting(ActualLrp::instanceGuid)
            .doesNotContain(claimed.instanceGuid(), placed.instanceGuid());
        assertThat(evacuation.releasedTasks())
            .extracting(task -> task.taskGuid(), task -> task.state(), task -> task.cellId())
            .containsExactly(tuple("leaving-claimed", TaskState.PENDING, null));

        assertThat(receptor.actualLrps("leaving-web")).filteredOn(lrp -> !lrp.evacuating())
            .extracting(ActualLrp::index, ActualLrp::state, ActualLrp::cellId)
            .containsExactly(tuple(0, ActualLrpState.UNCLAIMED, null), tuple(1, ActualLrpState.UNCLAIMED, null),
                    tuple(2, ActualLrpState.UNCLAIMED, null), tuple(3, ActualLrpState.UNCLAIMED, null),
                    tuple(4, ActualLrpState.RUNNING, "cell-staying"));
        assertThat(receptor.actualLrp("leaving-web", 4)).isEqualTo(elsewhere);
        assertThat(receptor.work("cell-leaving").actualLrps()).extracting(ActualLrp::instanceGuid)
            .containsExactly(running0.instanceGuid(), running1.instanceGuid());
        assertThat(receptor.work("cell-leaving").tasks()).extracting(task -> task.taskGuid())
            .containsExactly("leaving-running");
    }

    @Test
    void askedAgainItChangesOnlyWhatCameSince() {
        ReceptorClient receptor = receptor();
        heartbeat("cell-again", false);
        receptor.desireLrp(ApiFixtures.desiredLrp("again-web", 2));
        ApiFixtures.runInstance(receptor, "cell-again", "again-web", 0);
        CellEvacuation first = receptor.evacuateCell("cell-again");
        ActualLrp replacement = receptor.actualLrp("again-web", 0);
        ActualLrp raced = place("again-web", 1, "cell-again");

        CellEvacuation second = receptor.evacuateCell("cell-again");

        assertThat(second.evacuating()).isEqualTo(first.evacuating());
        assertThat(second.released()).extracting(ActualLrp::index).containsExactly(1);
        assertThat(second.released().get(0).instanceGuid()).isNotEqualTo(raced.instanceGuid());
        assertThat(receptor.actualLrp("again-web", 0)).as("the same replacement").isEqualTo(replacement);
    }

    @Test
    void theEvacueeGoesWhenItsReplacementRunsAndTheCellsWorkNoLongerListsIt() {
        ReceptorClient receptor = receptor();
        heartbeat("cell-from", false);
        heartbeat("cell-to", false);
        receptor.desireLrp(ApiFixtures.desiredLrp("handed-over", 1));
        ActualLrp evacuee = ApiFixtures.runInstance(receptor, "cell-from", "handed-over", 0);
        receptor.evacuateCell("cell-from");

        ActualLrp replacement = ApiFixtures.runInstance(receptor, "cell-to", "handed-over", 0);

        assertThat(receptor.actualLrps("handed-over")).containsExactly(replacement);
        assertThat(receptor.work("cell-from").actualLrps()).extracting(ActualLrp::instanceGuid)
            .doesNotContain(evacuee.instanceGuid());
    }

    @Test
    void anEvacuatingCellTakesNoAssignmentsButAHeartbeatOfANewAgentTakesWorkAgain() {
        ReceptorClient receptor = receptor();
        heartbeat("cell-restarted", false);
        receptor.desireLrp(ApiFixtures.desiredLrp("restarted-web", 1));
        receptor.evacuateCell("cell-restarted");
        heartbeat("cell-restarted", true);
        assertThat(cell("cell-restarted").evacuating()).as("its agent still evacuating").isTrue();

        heartbeat("cell-restarted", false);

        assertThat(cell("cell-restarted").evacuating()).as("a new agent").isFalse();
        assertThat(place("restarted-web", 0, "cell-restarted").cellId()).isEqualTo("cell-restarted");
    }

    @Test
    void onlyAPresentCellIsEvacuated() {
        assertThat(assertApiError(() -> receptor().evacuateCell("cell-never-seen"), 409, "ResourceConflict"))
            .hasMessageContaining("cell 'cell-never-seen' is not present");
        new RawHttp(baseUri()).send("POST", "/v1/cells/cell%20x/evacuate", TestTokens.receptorAdmin(), null)
            .assertError(400, "InvalidRequest", "cell_id");
        new RawHttp(baseUri()).send("POST", "/v1/cells/cell-x/evacuate", TestTokens.withScopes("receptor.write"), null)
            .assertError(403, "Forbidden");
    }

    @Test
    void anEvacueeThatCrashesIsRemovedAndItsReplacementStandsIn() {
        ReceptorClient receptor = receptor();
        heartbeat("cell-crashing", false);
        receptor.desireLrp(ApiFixtures.desiredLrp("crashing-web", 1));
        ActualLrp running = ApiFixtures.runInstance(receptor, "cell-crashing", "crashing-web", 0);
        ActualLrp evacuee = receptor.evacuateCell("cell-crashing").evacuating().get(0);

        receptor.transition("cell-crashing", "crashing-web", 0, "crash",
                new InstanceTransition(evacuee.instanceGuid(), evacuee.modificationTag(), null, null, "exited", null));

        assertThat(receptor.actualLrps("crashing-web")).singleElement().satisfies(replacement -> {
            assertThat(replacement.instanceGuid()).isNotEqualTo(running.instanceGuid());
            assertThat(replacement.state()).isEqualTo(ActualLrpState.UNCLAIMED);
        });
    }

    private void heartbeat(String cellId, boolean evacuating) {
        Cell cell = ApiFixtures.cell(cellId, "z1", List.of());
        receptor().heartbeat(cellId,
                new Cell(cellId, cell.zone(), cell.repAddress(), cell.capacity(), cell.placementTags(),
                        cell.optionalPlacementTags(), cell.rootfsProviders(), cell.ttlSeconds(), null, evacuating));
    }

    private Cell cell(String cellId) {
        return receptor().cells().stream().filter(cell -> cell.cellId().equals(cellId)).findFirst().orElseThrow();
    }

    private ActualLrp place(String processGuid, int index, String cellId) {
        ActualLrp unclaimed = receptor().actualLrp(processGuid, index);
        return receptor().assign(processGuid, index, new Assignment(unclaimed.instanceGuid(), cellId, null));
    }

    private ActualLrp claim(ActualLrp placed) {
        return receptor().transition(placed.cellId(), placed.processGuid(), placed.index(), "claim",
                ApiFixtures.transition(placed));
    }

}
