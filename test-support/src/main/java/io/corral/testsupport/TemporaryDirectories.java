package io.corral.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.util.FileSystemUtils;

/**
 * Directories a test run needs until its JVM ends (keys, work directories, a daemon's
 * files), removed with everything in them when it does: {@code deleteOnExit} removes a
 * directory only if it is empty, which left each run's files in the system's temporary
 * directory.
 */
public final class TemporaryDirectories {

    private static final Set<Path> CREATED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TemporaryDirectories::removeAll, "temporary-directories"));
    }

    private TemporaryDirectories() {
    }

    /** A new empty directory whose name starts with {@code prefix}. */
    public static Path create(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            CREATED.add(directory);
            return directory;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void removeAll() {
        for (Path directory : CREATED) {
            try {
                FileSystemUtils.deleteRecursively(directory);
            }
            catch (IOException e) {
                // Best effort at exit: a file still held open stays behind.
            }
        }
    }

}
