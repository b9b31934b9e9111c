package io.corral.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The postmaster that runs on a data directory, as {@code postmaster.pid} names it. */
final class Postmasters {

    private Postmasters() {
    }

    static Optional<ProcessHandle> running(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops what a failed test left running. */
    static void stop(Path dataDirectory) {
        running(dataDirectory).ifPresent(postmaster -> {
            postmaster.destroy();
            try {
                postmaster.onExit().get(30, TimeUnit.SECONDS);
            }
            catch (Exception e) {
                postmaster.destroyForcibly();
            }
        });
    }

}
