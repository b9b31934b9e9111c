package io.corral.receptor.lrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.lrp.InstanceBatchRows.Change;
import io.corral.receptor.lrp.InstanceBatchRows.Instance;
import io.corral.testsupport.ApiFixtures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A cell's report writes one instance's row by its primary key: every column as decided,
 * and only over the version it was read at, as a batch of many rows is written. A few
 * rows (a group's) go by statements planned once per connection, many by statements over
 * arrays: each way reads and writes the same.
 */
class InstanceRowWriteIntegrationTest extends ReceptorIntegrationTest {

    /** More than the few rows that statements planned once per connection take. */
    private static final int MANY = 40;

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

    @Test
    void aFewRowsAndManyAreReadAndWrittenAlike() {
        receptor().desireLrp(ApiFixtures.desiredLrp("many-rows", MANY));
        List<InstanceIndex> all = IntStream.range(0, MANY).mapToObj(i -> new InstanceIndex("many-rows", i)).toList();
        List<Instance> each = all.stream().map(at -> rows.findAtIndex(at.processGuid(), at.index()).get(0)).toList();

        assertThat(rows.findCurrent(all.subList(0, 3))).containsExactlyInAnyOrderElementsOf(each.subList(0, 3));
        assertThat(rows.findCurrent(all)).containsExactlyInAnyOrderElementsOf(each);
        assertThat(rows.lockAtIndices(all.subList(0, 3))).containsExactlyElementsOf(each.subList(0, 3));
        List<InstanceIndex> backwards = new ArrayList<>(all);
        Collections.reverse(backwards);
        assertThat(rows.lockAtIndices(backwards)).as("locked in the order of the indices, 32 at a time")
            .containsExactlyElementsOf(each);

        Instance stale = each.get(1).with(each.get(1).status());
        List<Change> few = List.of(claimed(each.get(0)), claimed(stale), claimed(each.get(2)));
        assertThat(rows.update(few)).as("all but the one over a version it is not at")
            .containsExactlyInAnyOrder(each.get(0).id(), each.get(2).id());
        List<Change> rest = each.subList(3, MANY).stream().map(InstanceRowWriteIntegrationTest::claimed).toList();
        assertThat(rows.update(rest)).hasSize(MANY - 3);
        assertThat(rows.findCurrent(all)).filteredOn(instance -> instance.status().state() == ActualLrpState.CLAIMED)
            .hasSize(MANY - 1);

        assertThat(rows.remove(List.of(few.get(0).after(), stale, few.get(2).after())))
            .containsExactlyInAnyOrder(each.get(0).id(), each.get(2).id());
        assertThat(rows.remove(rest.stream().map(Change::after).toList())).hasSize(MANY - 3);
        assertThat(rows.findCurrent(all)).containsExactly(each.get(1));
    }

    private static Change claimed(Instance instance) {
        InstanceStatus s = instance.status();
        return new Change(instance, instance.with(new InstanceStatus(s.instanceGuid(), ActualLrpState.CLAIMED, "cell-a",
                null, null, null, s.sinceNs() + 1, 0, null, ActualLrpPresence.ORDINARY)));
    }

}
