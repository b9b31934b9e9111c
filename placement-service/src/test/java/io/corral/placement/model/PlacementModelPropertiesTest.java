package io.corral.placement.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.api.event.ReceptorEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class PlacementModelPropertiesTest {

    /**
     * A model read in full at the start and fed every event after equals a full read at
     * the end.
     */
    @Property(tries = 300)
    void eventsAppliedToAReadEqualTheReadAfterThem(@ForAll long seed, @ForAll @IntRange(max = 60) int changes) {
        SimulatedReceptor receptor = new SimulatedReceptor(seed);
        for (int i = 0; i < changes / 3; i++) {
            receptor.change();
        }
        PlacementModel model = model();
        model.completeRead(model.beginRead(), receptor.read());

        for (int i = 0; i < changes; i++) {
            model.apply(receptor.change());
        }

        assertThat(model.state()).isEqualTo(receptor.read());
    }

    /**
     * A second full read runs while changes go on: it begins after {@code begin} changes,
     * reads the receptor as it is after {@code readAt} of them, and completes once the
     * model has had the events of the first {@code complete}; its events keep arriving
     * late, before and after it completes. Every change still shows in the end.
     */
    @Property(tries = 500)
    void aFullReadDuringChangesLosesNone(@ForAll long seed, @ForAll @IntRange(max = 40) int changes,
            @ForAll @IntRange(max = 40) int begin, @ForAll @IntRange(max = 40) int readAt,
            @ForAll @IntRange(max = 40) int complete) {
        int beginAt = Math.min(begin, changes);
        int readPoint = Math.max(beginAt, Math.min(readAt, changes));
        int completeAt = Math.max(beginAt, Math.min(complete, changes));
        SimulatedReceptor receptor = new SimulatedReceptor(seed);
        PlacementModel model = model();
        model.completeRead(model.beginRead(), receptor.read());
        List<ReceptorEvent> events = new ArrayList<>();
        ModelState readThen = null;
        for (int i = 0; i < changes; i++) {
            if (i == readPoint) {
                readThen = receptor.read();
            }
            events.add(receptor.change());
        }
        if (readThen == null) {
            readThen = receptor.read();
        }

        events.subList(0, beginAt).forEach(model::apply);
        PlacementModel.Read read = model.beginRead();
        events.subList(beginAt, completeAt).forEach(model::apply);
        model.completeRead(read, readThen);
        events.subList(completeAt, changes).forEach(model::apply);

        assertThat(model.state()).isEqualTo(receptor.read());
    }

    private static PlacementModel model() {
        return new PlacementModel(Duration.ofSeconds(30), () -> 0);
    }

}
