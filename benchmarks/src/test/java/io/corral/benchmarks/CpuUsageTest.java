package io.corral.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuUsageTest {

    @Test
    void theCpuOutsideTheJvmIsTheMachinesBusyTimeLessTheJvms() {
        CpuUsage before = new CpuUsage(0, 1_000, 4_000, 0);
        // 10 s on 2 CPUs, three quarters busy: 15 CPU-seconds, 9 of them the JVM's.
        CpuUsage after = new CpuUsage(9_000_000_000L, 1_000 + 1_500, 4_000 + 2_000, 10_000_000_000L);

        assertThat(after.otherSecondsSince(before, 2)).isCloseTo(6.0, within(1e-9));
        assertThat(after.machineBusyPercentSince(before)).isCloseTo(75.0, within(1e-9));
    }

    @Test
    void isUnknownWithoutTheMachinesTicks() {
        CpuUsage none = new CpuUsage(0, 0, 0, 0);

        assertThat(new CpuUsage(1_000_000_000L, 0, 0, 1_000_000_000L).otherSecondsSince(none, 2)).isEqualTo(-1);
    }

}
