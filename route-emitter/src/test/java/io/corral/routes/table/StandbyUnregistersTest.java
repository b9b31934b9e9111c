package io.corral.routes.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StandbyUnregistersTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private static final Endpoint GONE = endpoint("gone.example.com", "i-1");

    private static final Endpoint BACK = endpoint("back.example.com", "i-2");

    private static final Endpoint BACK_AGAIN = endpoint("back.example.com", "i-3");

    @Test
    void theNewLeaderGetsTheUnregistersWhoseRouteIsNotRoutedAgain() {
        StandbyUnregisters standby = new StandbyUnregisters(Duration.ofSeconds(10));
        standby.record(List.of(GONE, BACK), 0);
        standby.leaderSeen(5 * SECOND);
        assertThat(standby.takeOver(Set.of(BACK_AGAIN.key()))).containsExactly(GONE);
    }

    @Test
    void unregistersFromWellBeforeALeaderWasSeenAreForgotten() {
        StandbyUnregisters standby = new StandbyUnregisters(Duration.ofSeconds(10));
        standby.record(List.of(BACK), 0);
        standby.record(List.of(GONE), 11 * SECOND);
        standby.leaderSeen(12 * SECOND);
        assertThat(standby.size()).isOne();
        assertThat(standby.takeOver(Set.of())).containsExactly(GONE);
    }

    @Test
    void aStandbyThatTakesTheLeaseLateStillSendsWhatItHeardAfterTheLeaderWasLastSeen() {
        StandbyUnregisters standby = new StandbyUnregisters(Duration.ofSeconds(10));
        standby.leaderSeen(0);
        standby.record(List.of(GONE), SECOND);
        standby.record(List.of(BACK), 40 * SECOND);
        assertThat(standby.takeOver(Set.of())).containsExactlyInAnyOrder(GONE, BACK);
    }

    @Test
    void aTakeOverSendsEachRouteOnceAndForgetsThem() {
        StandbyUnregisters standby = new StandbyUnregisters(Duration.ofSeconds(10));
        standby.record(List.of(BACK), 0);
        standby.record(List.of(BACK_AGAIN), SECOND);
        assertThat(standby.takeOver(Set.of())).containsExactly(BACK_AGAIN);
        assertThat(standby.takeOver(Set.of())).isEmpty();
    }

    private static Endpoint endpoint(String hostname, String instanceGuid) {
        return new Endpoint(hostname, "10.0.0.1", 61000, "web", null, "log", instanceGuid, 0, null, null, null, "http1",
                1L);
    }

}
