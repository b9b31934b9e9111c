package io.corral.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time in user and kernel mode (clock ticks) and its threads' context
 * switches, voluntary or not, read from {@code /proc} (Linux only; zeros elsewhere).
 * Where system calls and wake-ups are dear, as in some virtual machines, the kernel's
 * share and the switches per request say more than the total.
 */
record ProcessTimes(long userTicks, long systemTicks, long contextSwitches) {

    static final ProcessTimes NONE = new ProcessTimes(0, 0, 0);

    static final long TICK_NANOS = 10_000_000L;

    /** This JVM's. */
    static ProcessTimes ofThisProcess() {
        return of(Path.of("/proc/self"));
    }

    /**
     * Those of the process whose {@code /proc} directory is {@code process}, or of one
     * thread, given its directory under its process's {@code task}.
     */
    static ProcessTimes of(Path process) {
        try {
            String[] fields = statFields(process);
            // utime and stime, fields 14 and 15 of /proc/<pid>/stat.
            return new ProcessTimes(Long.parseLong(fields[11]), Long.parseLong(fields[12]), switches(process));
        }
        catch (IOException | RuntimeException goneOrNotLinux) {
            return NONE;
        }
    }

    /**
     * The CPU time of {@code process}'s children that it has waited for, and of theirs
     * (cutime and cstime), with no context switches: what a command's helpers cost once
     * it has reaped them.
     */
    static ProcessTimes ofWaitedChildren(Path process) {
        try {
            String[] fields = statFields(process);
            // cutime and cstime, fields 16 and 17 of /proc/<pid>/stat.
            return new ProcessTimes(Long.parseLong(fields[13]), Long.parseLong(fields[14]), 0);
        }
        catch (IOException | RuntimeException goneOrNotLinux) {
            return NONE;
        }
    }

    /**
     * The fields of {@code /proc/<pid>/stat} after the command's name (which may hold
     * spaces), so field N of the file is at index N - 3.
     */
    private static String[] statFields(Path process) throws IOException {
        String stat = Files.readString(process.resolve("stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static long switches(Path process) throws IOException {
        if (!Files.isDirectory(process.resolve("task"))) {
            return threadSwitches(process);
        }
        long switches = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(process.resolve("task"))) {
            for (Path thread : threads) {
                switches += threadSwitches(thread);
            }
        }
        return switches;
    }

    private static long threadSwitches(Path thread) {
        try {
            return Files.readAllLines(thread.resolve("status"))
                .stream()
                .filter(line -> line.contains("ctxt_switches:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip()))
                .sum();
        }
        catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    long cpuNanos() {
        return (userTicks + systemTicks) * TICK_NANOS;
    }

    long systemNanos() {
        return systemTicks * TICK_NANOS;
    }

    ProcessTimes plus(ProcessTimes other) {
        return new ProcessTimes(userTicks + other.userTicks, systemTicks + other.systemTicks,
                contextSwitches + other.contextSwitches);
    }

    ProcessTimes minus(ProcessTimes earlier) {
        return new ProcessTimes(userTicks - earlier.userTicks, systemTicks - earlier.systemTicks,
                contextSwitches - earlier.contextSwitches);
    }

}
