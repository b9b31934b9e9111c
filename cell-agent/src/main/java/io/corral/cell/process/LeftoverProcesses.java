package io.corral.cell.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the processes an earlier run of the agent started and left behind (it was killed
 * before it could stop them): each container's processes carry {@link #MARKER}, naming
 * the container's directory, in their environment, which their children inherit.
 * Processes are found through {@code /proc}; a host without it (not Linux) finds none.
 */
final class LeftoverProcesses {

    /** The variable every process of a container is started with. */
    static final String MARKER = "CORRAL_CONTAINER";

    private static final Logger log = LoggerFactory.getLogger(LeftoverProcesses.class);

    private static final Path PROC = Path.of("/proc");

    private LeftoverProcesses() {
    }

    /** Kills every process of a container under {@code containersDirectory}. */
    static void kill(Path containersDirectory) {
        List<ProcessHandle> leftovers = of(containersDirectory);
        if (!leftovers.isEmpty()) {
            log.info("Stopping {} processes an earlier run of the agent left in {}", leftovers.size(),
                    containersDirectory);
            leftovers.forEach(ProcessHandle::destroyForcibly);
        }
    }

    static List<ProcessHandle> of(Path containersDirectory) {
        if (!Files.isDirectory(PROC)) {
            return List.of();
        }
        byte[] marker = (MARKER + "=" + containersDirectory + "/").getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> entries = Files.list(PROC)) {
            return entries.filter(entry -> entry.getFileName().toString().chars().allMatch(Character::isDigit))
                .filter(entry -> carries(entry.resolve("environ"), marker))
                .map(entry -> ProcessHandle.of(Long.parseLong(entry.getFileName().toString())))
                .flatMap(Optional::stream)
                .toList();
        }
        catch (IOException e) {
            log.warn("Could not look for processes left in {}: {}", containersDirectory, e.toString());
            return List.of();
        }
    }

    /**
     * Whether one of the NUL-separated variables in {@code environ} starts with marker.
     */
    private static boolean carries(Path environ, byte[] marker) {
        byte[] variables;
        try {
            variables = Files.readAllBytes(environ);
        }
        catch (IOException e) {
            return false;
        }
        int start = 0;
        while (start < variables.length) {
            if (startsWith(variables, start, marker)) {
                return true;
            }
            while (start < variables.length && variables[start] != 0) {
                start++;
            }
            start++;
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length - offset < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

}
