package io.corral.routes.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnregisterRepeatsTest {

    private static final Endpoint OLD = new Endpoint("a.example.com", "10.0.0.1", 61000, "web", null, "log", "i-1", 0,
            null, null, null, "http1", 1L);

    private static final Endpoint SAME_ROUTE_NEW_INSTANCE = new Endpoint("a.example.com", "10.0.0.1", 61000, "web",
            null, "log", "i-2", 0, null, null, null, "http1", 2L);

    @Test
    void anUnregisterIsSentAgainTheGivenNumberOfTimes() {
        UnregisterRepeats repeats = new UnregisterRepeats(2);
        repeats.published(new RouteDiff(List.of(), List.of(OLD)));
        assertThat(repeats.due()).containsExactly(OLD);
        assertThat(repeats.due()).containsExactly(OLD);
        assertThat(repeats.due()).isEmpty();
    }

    @Test
    void aRouteRegisteredAgainIsNeverUnregisteredLater() {
        UnregisterRepeats repeats = new UnregisterRepeats(5);
        repeats.published(new RouteDiff(List.of(), List.of(OLD)));
        repeats.published(new RouteDiff(List.of(SAME_ROUTE_NEW_INSTANCE), List.of()));
        assertThat(repeats.due()).isEmpty();
    }

    @Test
    void aSegmentMoveUnregistersAndRegistersTheSameRouteInOneDiffSoNothingRepeats() {
        UnregisterRepeats repeats = new UnregisterRepeats(5);
        repeats.published(new RouteDiff(List.of(SAME_ROUTE_NEW_INSTANCE), List.of(OLD)));
        assertThat(repeats.due()).isEmpty();
    }

}
