package io.corral.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU of the JVM's own threads, which are not Java threads and so escape
 * {@code ThreadMXBean}: the JIT compilers and the garbage collector, told apart by the
 * names HotSpot gives them ({@code C2 CompilerThre}, {@code GC Thread#0},
 * {@code G1 Refine#0}...), read from {@code /proc/self/task} (Linux only; none
 * elsewhere).
 */
final class JvmThreads {

    static final String JIT = "JIT compilers";

    static final String GC = "garbage collector";

    /**
     * What is left of the JVM's CPU once its Java threads and those above are counted.
     */
    static final String OTHER = "JVM, other";

    private JvmThreads() {
    }

    static Map<String, Long> cpuNanosByKind() {
        Map<String, Long> byKind = new HashMap<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path thread : threads) {
                String kind = kind(name(thread));
                if (kind != null) {
                    byKind.merge(kind, ProcessTimes.of(thread).cpuNanos(), Long::sum);
                }
            }
        }
        catch (IOException | RuntimeException notLinux) {
            return Map.of();
        }
        return byKind;
    }

    static String kind(String threadName) {
        if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
            return JIT;
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return GC;
        }
        return null;
    }

    private static String name(Path thread) {
        try {
            return Files.readString(thread.resolve("comm")).strip();
        }
        catch (IOException gone) {
            return "";
        }
    }

}
