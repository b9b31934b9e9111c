package io.corral.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who used the CPU during a phase: this JVM's threads by group (numbers in their names
 * folded, each Tomcat kept apart), the JVM's own threads by kind ({@link JvmThreads}) and
 * the PostgreSQL backends serving the benchmark's databases (read from {@code /proc},
 * Linux only). Divided by the requests served, it does not depend on what else the
 * machine runs, unlike a rate.
 */
record PhaseCpu(long processNanos, Map<String, Long> threadNanos, ProcessTimes jvm, ProcessTimes postgres,
        long compilingMillis, long gcPauseMillis) {

    private static final Pattern TOMCAT = Pattern.compile("http-nio-[^-]+-(\\d+)-.*");

    static PhaseCpu now(Collection<String> databases) {
        long process = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
            .getProcessCpuTime();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            long nanos = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                byGroup.merge(group(info.getThreadName()), nanos, Long::sum);
            }
        }
        // The JVM's own threads by kind, counted as groups beside the Java threads'.
        byGroup.putAll(JvmThreads.cpuNanosByKind());
        return new PhaseCpu(process, byGroup, ProcessTimes.ofThisProcess(), postgres(databases), compilingSoFar(),
                gcPausesSoFar());
    }

    /** The JIT compilers' time so far, summed over their threads. */
    static long compilingSoFar() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** The collectors' time so far (G1: pauses only, not its concurrent work). */
    private static long gcPausesSoFar() {
        return ManagementFactory.getGarbageCollectorMXBeans()
            .stream()
            .mapToLong(GarbageCollectorMXBean::getCollectionTime)
            .filter(millis -> millis > 0)
            .sum();
    }

    static String group(String threadName) {
        Matcher tomcat = TOMCAT.matcher(threadName);
        if (tomcat.matches()) {
            return "Tomcat " + tomcat.group(1);
        }
        return threadName.replaceAll("\\d+", "N");
    }

    /** What was used from {@code earlier} to this reading. */
    Used since(PhaseCpu earlier) {
        Map<String, Long> threads = new TreeMap<>();
        threadNanos.forEach((group, nanos) -> {
            long used = nanos - earlier.threadNanos.getOrDefault(group, 0L);
            if (used > 0) {
                threads.put(group, used);
            }
        });
        long accounted = threads.values().stream().mapToLong(Long::longValue).sum();
        long process = processNanos - earlier.processNanos;
        return new Used(process, threads, Math.max(0, process - accounted), jvm.minus(earlier.jvm),
                postgres.minus(earlier.postgres), compilingMillis - earlier.compilingMillis,
                gcPauseMillis - earlier.gcPauseMillis);
    }

    /**
     * The times of the PostgreSQL backends connected to {@code databases}
     * ({@code postgres: ... user database host(port) state} in their command line).
     */
    private static ProcessTimes postgres(Collection<String> databases) {
        ProcessTimes sum = ProcessTimes.NONE;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                if (isBackendOf(process, databases)) {
                    sum = sum.plus(ProcessTimes.of(process));
                }
            }
        }
        catch (IOException | RuntimeException notLinux) {
            return ProcessTimes.NONE;
        }
        return sum;
    }

    private static boolean isBackendOf(Path process, Collection<String> databases) {
        try {
            String command = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
            return command.startsWith("postgres:") && databases.stream().anyMatch(command::contains);
        }
        catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /**
     * CPU used in a phase: the JVM's, its Java threads' by group, its own threads' by
     * kind (the JIT compilers, the garbage collector), the rest of the JVM's and
     * PostgreSQL's, with the kernel's share and the context switches of both.
     */
    record Used(long processNanos, Map<String, Long> threadNanos, long otherJvmNanos, ProcessTimes jvm,
            ProcessTimes postgres, long compilingMillis, long gcPauseMillis) {

        /** Milliseconds of CPU per request of {@code requests}, JVM and PostgreSQL. */
        double totalMillisPer(long requests) {
            return (processNanos + postgresNanos()) / 1e6 / requests;
        }

        long postgresNanos() {
            return postgres.cpuNanos();
        }

        /**
         * The JVM's CPU per request in milliseconds, by thread group, the rest of the JVM
         * as one more group: the {@code groups} largest, largest first.
         */
        Map<String, Double> millisPerRequestByGroup(long requests, int groups) {
            Map<String, Long> parts = new HashMap<>(threadNanos);
            parts.put(JvmThreads.OTHER, otherJvmNanos);
            Map<String, Double> largest = new LinkedHashMap<>();
            parts.entrySet()
                .stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(groups)
                .forEach(part -> largest.put(part.getKey(), part.getValue() / 1e6 / requests));
            return largest;
        }

        /**
         * Prints the CPU per one of {@code count}, each a {@code unit} (a request, say),
         * and the {@code groups} largest thread groups.
         */
        void print(PrintStream out, String phase, long count, String unit, int groups) {
            out.printf("  %s: %,d %ss; CPU per %s %.3f ms (JVM %.3f, PostgreSQL backends %.3f)%n", phase, count, unit,
                    unit, totalMillisPer(count), processNanos / 1e6 / count, postgresNanos() / 1e6 / count);
            // Where system calls and wake-ups are dear (some virtual machines), these
            // explain what the totals cannot.
            out.printf(
                    "    in the kernel %.3f ms (JVM %.3f, PostgreSQL %.3f); context switches %.1f"
                            + " (JVM %.1f, PostgreSQL %.1f)%n",
                    (jvm.systemNanos() + postgres.systemNanos()) / 1e6 / count, jvm.systemNanos() / 1e6 / count,
                    postgres.systemNanos() / 1e6 / count,
                    (double) (jvm.contextSwitches() + postgres.contextSwitches()) / count,
                    (double) jvm.contextSwitches() / count, (double) postgres.contextSwitches() / count);
            millisPerRequestByGroup(count, groups)
                .forEach((group, millis) -> out.printf("    %-40s %8.3f ms%n", group, millis));
            // A JIT still compiling during a phase measures a JVM that is not yet warm.
            out.printf("    during the phase: JIT compiling %,d ms, GC pauses %,d ms%n", compilingMillis,
                    gcPauseMillis);
        }

    }

}
