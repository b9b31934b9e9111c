package io.corral.receptor.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.client.ReceptorJson;
import org.junit.jupiter.api.Test;

/** An instance's presence as clients read it, from this receptor and from older ones. */
class ActualLrpTest {

    @Test
    void presenceIsReadAndEvacuatingFollowsIt() {
        assertThat(read("\"presence\": \"SUSPECT\", \"evacuating\": false"))
            .extracting(ActualLrp::presence, ActualLrp::evacuating)
            .containsExactly(ActualLrpPresence.SUSPECT, false);
        assertThat(read("\"presence\": \"EVACUATING\", \"evacuating\": true"))
            .extracting(ActualLrp::presence, ActualLrp::evacuating)
            .containsExactly(ActualLrpPresence.EVACUATING, true);
    }

    @Test
    void anInstanceFromBeforePresenceIsEvacuatingOrElseOrdinary() {
        assertThat(read("\"evacuating\": true").presence()).isEqualTo(ActualLrpPresence.EVACUATING);
        assertThat(read("\"evacuating\": false").presence()).isEqualTo(ActualLrpPresence.ORDINARY);
    }

    @Test
    void bothFieldsAreWritten() {
        String json = ReceptorJson.mapper()
            .writeValueAsString(read("\"presence\": \"SUSPECT\", \"evacuating\": false"));
        assertThat(json).contains("\"evacuating\":false", "\"presence\":\"SUSPECT\"");
    }

    private static ActualLrp read(String presence) {
        return ReceptorJson.mapper()
            .readValue("{\"process_guid\": \"web\", \"instance_guid\": \"g\", \"index\": 0, \"state\": \"RUNNING\", "
                    + "\"since\": 1, \"crash_count\": 0, " + presence + "}", ActualLrp.class);
    }

}
