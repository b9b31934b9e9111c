package io.corral.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this JVM (the receptor and its clients) and of the whole machine, read at
 * one moment; the difference of two readings says who used the CPUs during a phase.
 */
record CpuUsage(long jvmCpuNanos, long machineBusyTicks, long machineTotalTicks, long wallNanos) {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    static CpuUsage now() {
        long jvm = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
            .getProcessCpuTime();
        long[] machine = machineTicks();
        return new CpuUsage(jvm, machine[0], machine[1], System.nanoTime());
    }

    /** Seconds of CPU this JVM used since {@code earlier}. */
    double jvmSecondsSince(CpuUsage earlier) {
        return (jvmCpuNanos - earlier.jvmCpuNanos) / 1e9;
    }

    /**
     * Percentage of all the machine's CPUs busy (any process) since {@code earlier}, or
     * -1 if unknown.
     */
    double machineBusyPercentSince(CpuUsage earlier) {
        long total = machineTotalTicks - earlier.machineTotalTicks;
        return total <= 0 ? -1 : 100.0 * (machineBusyTicks - earlier.machineBusyTicks) / total;
    }

    /**
     * Seconds of CPU that everything but this JVM used since {@code earlier} on a machine
     * of {@code cpus} (the database server, mostly), or -1 if unknown.
     */
    double otherSecondsSince(CpuUsage earlier, int cpus) {
        double busyPercent = machineBusyPercentSince(earlier);
        if (busyPercent < 0) {
            return -1;
        }
        double machineSeconds = busyPercent / 100 * cpus * (wallNanos - earlier.wallNanos) / 1e9;
        return Math.max(0, machineSeconds - jvmSecondsSince(earlier));
    }

    /**
     * Busy and total ticks from the first line of /proc/stat; zeros where there is none.
     */
    private static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long total = 0;
            // user nice system idle iowait irq softirq steal; guest time is already
            // inside user.
            for (int i = 1; i <= 8 && i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] { total - idle, total };
        }
        catch (IOException | RuntimeException notLinux) {
            return new long[] { 0, 0 };
        }
    }
}
