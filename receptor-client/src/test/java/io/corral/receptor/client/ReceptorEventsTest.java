package io.corral.receptor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.TaskState;
import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.EventsLost;
import io.corral.receptor.api.event.ReceptorEvent.TaskRemoved;
import org.junit.jupiter.api.Test;

class ReceptorEventsTest {

    private static final String LEFT_ITS_CELL = """
            {"actual_lrp_before": {"process_guid": "web", "index": 0, "state": "CLAIMED", "cell_id": "cell-a",
                                   "since": 1, "crash_count": 0, "evacuating": false},
             "actual_lrp_after": {"process_guid": "web", "index": 0, "state": "UNCLAIMED", "since": 2,
                                  "crash_count": 0, "evacuating": true}}
            """;

    @Test
    void aCreatedEventCarriesItsRecord() {
        ReceptorEvent event = ReceptorEvents
            .decode(3, DesiredLrpCreated.NAME,
                    "{\"desired_lrp\":{\"process_guid\":\"web\",\"domain\":\"cf-apps\",\"instances\":2}}")
            .orElseThrow();

        assertThat(event).isInstanceOfSatisfying(DesiredLrpCreated.class, created -> {
            assertThat(created.id()).isEqualTo(3);
            assertThat(created.desiredLrp().processGuid()).isEqualTo("web");
            assertThat(created.desiredLrp().instances()).isEqualTo(2);
        });
    }

    @Test
    void aChangedEventCarriesBeforeAndAfter() {
        ReceptorEvent event = ReceptorEvents.decode(4, ActualLrpChanged.NAME, LEFT_ITS_CELL).orElseThrow();

        assertThat(event).isInstanceOfSatisfying(ActualLrpChanged.class, changed -> {
            assertThat(changed.before().state()).isEqualTo(ActualLrpState.CLAIMED);
            assertThat(changed.after().state()).isEqualTo(ActualLrpState.UNCLAIMED);
            assertThat(changed.after().evacuating()).isTrue();
        });
    }

    @Test
    void aChangedInstanceNamesTheCellsOfBeforeAndAfter() {
        assertThat(ReceptorEvents.cellIds(ActualLrpChanged.NAME, LEFT_ITS_CELL)).containsExactly("cell-a");
        assertThat(ReceptorEvents.cellIds(ActualLrpChanged.NAME, """
                {"actual_lrp_before": {"cell_id": "cell-a", "ports": [{"container_port": 8080}]},
                 "actual_lrp_after": {"routes": {"cell_id": "not-this"}, "cell_id": "cell-b"}}
                """)).containsExactlyInAnyOrder("cell-a", "cell-b");
    }

    @Test
    void anEventWithoutInstancesOrTasksNamesNoCell() {
        assertThat(ReceptorEvents.cellIds(DesiredLrpCreated.NAME, "{\"desired_lrp\":{\"cell_id\":\"x\"}}")).isEmpty();
        assertThat(ReceptorEvents.cellIds("a_newer_event", "{\"actual_lrp\":{\"cell_id\":\"x\"}}")).isEmpty();
    }

    @Test
    void aRemovedTaskNamesItsCell() {
        String data = "{\"task\":{\"task_guid\":\"t\",\"state\":\"RESOLVING\",\"cell_id\":\"cell-b\"}}";

        ReceptorEvent event = ReceptorEvents.decode(5, TaskRemoved.NAME, data).orElseThrow();

        assertThat(event).isInstanceOfSatisfying(TaskRemoved.class,
                removed -> assertThat(removed.task().state()).isEqualTo(TaskState.RESOLVING));
        assertThat(ReceptorEvents.cellIds(TaskRemoved.NAME, data)).containsExactly("cell-b");
    }

    @Test
    void eventsLostSaysWhereTheStreamContinues() {
        assertThat(ReceptorEvents.decode(99, EventsLost.NAME, "{\"last_event_id\":7,\"oldest_event_id\":100}"))
            .contains(new EventsLost(99, 7, 100));
    }

    @Test
    void fieldsBesideTheRecordsAreSkipped() {
        ReceptorEvent event = ReceptorEvents.decode(7, TaskRemoved.NAME, """
                {"trace": {"spans": [1, {"deep": null}]}, "note": "x",
                 "task": {"task_guid": "t", "state": "COMPLETED"}}
                """).orElseThrow();

        assertThat(event).isInstanceOfSatisfying(TaskRemoved.class,
                removed -> assertThat(removed.task().taskGuid()).isEqualTo("t"));
    }

    @Test
    void anEventWithoutItsRecordIsRefusedNamingTheMissingKey() {
        assertThatThrownBy(() -> ReceptorEvents.decode(8, ActualLrpChanged.NAME, """
                {"actual_lrp_before": {"process_guid": "web", "index": 0, "state": "CLAIMED", "since": 1,
                                       "crash_count": 0, "evacuating": false},
                 "actual_lrp_after": null}
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"actual_lrp_after\"");
    }

    @Test
    void anUnknownNameIsNoEvent() {
        assertThat(ReceptorEvents.decode(6, "lrp_evacuated", "{\"anything\":1}")).isEmpty();
    }

}
