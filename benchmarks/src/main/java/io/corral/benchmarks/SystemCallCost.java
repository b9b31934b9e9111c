package io.corral.benchmarks;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What one system call costs on this machine: {@code fstat} through
 * {@link FileChannel#size()}, timed over many calls. Some virtual machines make a system
 * call ten times dearer than others, and a request that crosses the kernel thirty times
 * pays for it: the figure tells such a machine apart.
 */
final class SystemCallCost {

    private static final int WARM_UP = 20_000;

    private static final int CALLS = 200_000;

    private SystemCallCost() {
    }

    /** Nanoseconds per call, or -1 if it could not be measured. */
    static double nanos() {
        try {
            Path file = Files.createTempFile("corral-syscall", ".probe");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                time(channel, WARM_UP);
                return (double) time(channel, CALLS) / CALLS;
            }
            finally {
                Files.deleteIfExists(file);
            }
        }
        catch (IOException e) {
            return -1;
        }
    }

    private static long time(FileChannel channel, int calls) throws IOException {
        long sizes = 0;
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            sizes += channel.size();
        }
        long took = System.nanoTime() - start;
        if (sizes != 0) {
            throw new IllegalStateException("the probe file grew");
        }
        return took;
    }

}
