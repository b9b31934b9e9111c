package io.corral.cell.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The disk a container uses: the sizes of the regular files in its directory (its logs
 * are kept apart and do not count), links not followed.
 */
final class DiskUse {

    private static final long MIB = 1024L * 1024;

    private DiskUse() {
    }

    /**
     * Why the container is over {@code diskMb}, or null when within it or unlimited (0).
     */
    static String overLimit(Path directory, int diskMb) {
        if (diskMb == 0) {
            return null;
        }
        long used = bytes(directory);
        return used > diskMb * MIB
                ? "Exceeded its disk limit: uses " + (used + MIB - 1) / MIB + " MB of disk_mb " + diskMb : null;
    }

    static long bytes(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.mapToLong(DiskUse::size).sum();
        }
        catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long size(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? attributes.size() : 0;
        }
        catch (IOException e) {
            return 0;
        }
    }

}
