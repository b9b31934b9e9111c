package io.corral.receptor.lrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.lrp.InstanceBatchRows.Change;
import io.corral.receptor.lrp.InstanceBatchRows.Instance;
import io.corral.testsupport.ApiFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A cell's report writes one instance's row by its primary key: every column as decided,
 * and only over the version it was read at, as a batch of many rows is written.
 */
class InstanceRowWriteIntegrationTest extends ReceptorIntegrationTest {

    @Autowired
    private InstanceBatchRows rows;

    @Test
    void oneInstanceIsWrittenWholeAndOnlyOverTheVersionItWasReadAt() {
        receptor().desireLrp(ApiFixtures.desiredLrp("single-row", 2));
        Instance read = rows.findAtIndex("single-row", 0).get(0);
        InstanceStatus crashed = new InstanceStatus("guid-after", ActualLrpState.CRASHED, "cell-a", "10.0.0.9",
                "[{\"container_port\":8080,\"host_port\":61001}]", "no room", 42L, 3, "exited with 1",
                ActualLrpPresence.EVACUATING);
        Instance decided = new Instance(read.id(), read.version() + 1, read.processGuid(), read.index(), read.domain(),
                read.modificationEpoch(), crashed, true);

        assertThat(rows.update(List.of(new Change(read, decided)))).containsExactly(read.id());
        assertThat(rows.findAtIndex("single-row", 0)).containsExactly(decided);
        assertThat(rows.update(List.of(new Change(read, decided)))).as("over a version since replaced").isEmpty();
        assertThat(rows.remove(List.of(read))).as("removed over a version since replaced").isEmpty();
        assertThat(rows.findAtIndex("single-row", 0)).containsExactly(decided);
        assertThat(rows.findAtIndex("single-row", 1)).as("the other index untouched")
            .hasSize(1)
            .allSatisfy(other -> assertThat(other.status().state()).isEqualTo(ActualLrpState.UNCLAIMED));

        assertThat(rows.remove(List.of(decided))).containsExactly(read.id());
        assertThat(rows.findAtIndex("single-row", 0)).isEmpty();
    }

}
