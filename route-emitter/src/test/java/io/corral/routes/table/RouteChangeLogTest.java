package io.corral.routes.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteChangeLogTest {

    private static RouteDiff registering(int routes) {
        return new RouteDiff(java.util.stream.IntStream.range(0, routes)
            .mapToObj(i -> new Endpoint("h" + i, "10.0.0.1", 1000 + i, "web", null, null, "i", 0, null, null, null,
                    "http1", 1L))
            .toList(), List.of());
    }

    @Test
    void aReaderCatchesUpWithTheChangesAfterTheVersionItKnows() {
        RouteChangeLog log = new RouteChangeLog(100);
        log.append(registering(2));
        log.append(RouteDiff.EMPTY);
        log.append(registering(3));
        assertThat(log.version()).isEqualTo(2);
        assertThat(log.after(0)).get()
            .asList()
            .extracting(c -> ((RouteChangeLog.Change) c).version())
            .containsExactly(1L, 2L);
        assertThat(log.after(2)).get().asList().isEmpty();
        assertThat(log.after(3)).isEmpty();
    }

    @Test
    void changesOfMoreRoutesThanItKeepsAreForgottenAndTheirReadersNeedASnapshot() {
        RouteChangeLog log = new RouteChangeLog(10);
        log.append(registering(4));
        log.append(registering(20));
        assertThat(log.after(0)).isEmpty();
        assertThat(log.after(1)).isEmpty();
        log.append(registering(5));
        assertThat(log.after(2)).get().asList().hasSize(1);
    }

}
