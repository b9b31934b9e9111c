package io.corral.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void aPortIsHandedOutOnceThoughNothingListensOnItYet() {
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            assertThat(picked.add(FreePorts.pick())).as("pick %d", i).isTrue();
        }
    }

    @Test
    void portsLieBelowTheKernelsRangeForOutgoingConnectionsAndSpreadOverIt() {
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            picked.add(FreePorts.pick());
        }
        assertThat(picked).allSatisfy(port -> assertThat(port).isBetween(20_000, 32_767))
            .anySatisfy(port -> assertThat(port).isGreaterThan(21_000));
    }

}
