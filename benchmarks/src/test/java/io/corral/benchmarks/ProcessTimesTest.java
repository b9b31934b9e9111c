package io.corral.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProcessTimesTest {

    @Test
    void aThreadThatSleepsAddsContextSwitchesToItsProcess() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        ProcessTimes before = ProcessTimes.ofThisProcess();
        for (int i = 0; i < 20; i++) {
            LockSupport.parkNanos(1_000_000);
        }
        ProcessTimes used = ProcessTimes.ofThisProcess().minus(before);

        assertThat(used.contextSwitches()).isGreaterThanOrEqualTo(20);
        assertThat(used.userTicks()).isNotNegative();
        assertThat(used.systemTicks()).isNotNegative();
    }

    @Test
    void eachThreadHasTimesOfItsOwnWithinItsProcesss() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        ProcessTimes threads = ProcessTimes.NONE;
        try (Stream<Path> each = Files.list(Path.of("/proc/self/task"))) {
            for (Path thread : each.toList()) {
                threads = threads.plus(ProcessTimes.of(thread));
            }
        }
        ProcessTimes process = ProcessTimes.ofThisProcess();

        assertThat(threads.cpuNanos()).isPositive().isLessThanOrEqualTo(process.cpuNanos());
        assertThat(threads.contextSwitches()).isPositive();
    }

    @Test
    void aProcessThatIsGoneHasNoTimes() {
        assertThat(ProcessTimes.of(Path.of("/proc/no-such-process"))).isEqualTo(ProcessTimes.NONE);
    }

    @Test
    void timesAddUpAndConvertFromClockTicks() {
        ProcessTimes sum = new ProcessTimes(3, 1, 10).plus(new ProcessTimes(2, 4, 5));

        assertThat(sum).isEqualTo(new ProcessTimes(5, 5, 15));
        assertThat(sum.cpuNanos()).isEqualTo(10 * ProcessTimes.TICK_NANOS);
        assertThat(sum.systemNanos()).isEqualTo(5 * ProcessTimes.TICK_NANOS);
    }

}
