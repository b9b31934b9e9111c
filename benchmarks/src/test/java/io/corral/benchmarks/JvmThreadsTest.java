package io.corral.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JvmThreadsTest {

    @Test
    void hotSpotsOwnThreadsAreToldApartByName() {
        assertThat(JvmThreads.kind("C2 CompilerThre")).isEqualTo(JvmThreads.JIT);
        assertThat(JvmThreads.kind("C1 CompilerThre")).isEqualTo(JvmThreads.JIT);
        assertThat(JvmThreads.kind("GC Thread#1")).isEqualTo(JvmThreads.GC);
        assertThat(JvmThreads.kind("G1 Refine#0")).isEqualTo(JvmThreads.GC);
        assertThat(JvmThreads.kind("G1 Conc#0")).isEqualTo(JvmThreads.GC);
        assertThat(JvmThreads.kind("VM Thread")).isNull();
        assertThat(JvmThreads.kind("http-nio-8080-exec-1")).isNull();
    }

    @Test
    void aJvmThatCompiledSomethingHasCompilerTime() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");

        assertThat(JvmThreads.cpuNanosByKind()).containsKey(JvmThreads.JIT)
            .allSatisfy((kind, nanos) -> assertThat(nanos).isNotNegative());
    }

}
