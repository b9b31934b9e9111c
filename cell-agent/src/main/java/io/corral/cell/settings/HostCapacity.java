package io.corral.cell.settings;

import io.corral.receptor.api.ApiPatterns;
import io.corral.receptor.api.CellCapacity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The capacity a cell announces: what the settings say, and for what they leave out, what
 * the host has (its memory, the size of the work directory's file system). Garden's
 * default of 250 containers stands in for an unset container count.
 */
public final class HostCapacity {

    static final int DEFAULT_CONTAINERS = 250;

    private static final long MB = 1024 * 1024;

    private HostCapacity() {
    }

    public static CellCapacity of(CellProperties.Capacity configured, Path workDirectory) {
        int memory = configured.memoryMb() != null ? configured.memoryMb() : memoryMb();
        int disk = configured.diskMb() != null ? configured.diskMb() : diskMb(workDirectory);
        int containers = configured.containers() != null ? configured.containers() : DEFAULT_CONTAINERS;
        return new CellCapacity(memory, disk, containers);
    }

    static int memoryMb() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return clamp(os.getTotalMemorySize() / MB, ApiPatterns.MAX_MEMORY_MB);
        }
        return 0;
    }

    static int diskMb(Path workDirectory) {
        try {
            Files.createDirectories(workDirectory);
            return clamp(Files.getFileStore(workDirectory).getTotalSpace() / MB, ApiPatterns.MAX_DISK_MB);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot measure the disk of " + workDirectory, e);
        }
    }

    private static int clamp(long value, long max) {
        return (int) Math.min(value, max);
    }

}
