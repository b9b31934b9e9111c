package io.corral.cell.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An instance's stdout and stderr: two files its processes write to themselves (each
 * process opens them for appending when it starts), so their output never waits for the
 * agent to read it, and an agent that is killed leaves them writing, and serving, as
 * before (a pipe to the agent would break at their next line). The agent keeps each file
 * near {@code limit} bytes by trimming it ({@link #trim()}): the newest {@code limit}
 * bytes go to {@code <stream>.log.1} and the file is emptied, so at most twice the limit
 * is kept; what is written between the copy and the emptying is lost, as with logrotate's
 * {@code copytruncate}. The agent's own messages about the instance (progress, failures)
 * go to stdout, marked {@code [cell]}.
 */
public final class InstanceLogs {

    private final Path stdout;

    private final Path stderr;

    private final long limit;

    public InstanceLogs(Path directory, long limit) {
        this.stdout = directory.resolve("stdout.log");
        this.stderr = directory.resolve("stderr.log");
        this.limit = limit;
        try {
            Files.createDirectories(directory);
            Files.write(stdout, new byte[0], StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Files.write(stderr, new byte[0], StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file a process's stdout is appended to. */
    public Path stdout() {
        return stdout;
    }

    /** The file a process's stderr is appended to. */
    public Path stderr() {
        return stderr;
    }

    public void system(String message) {
        try {
            Files.write(stdout, ("[cell] " + message + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (IOException e) {
            // The log is best effort: a full disk must not stop the instance.
        }
        trim();
    }

    /** Trims each file that grew past the limit. */
    public synchronized void trim() {
        trim(stdout);
        trim(stderr);
    }

    private void trim(Path file) {
        try (FileChannel current = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = current.size();
            if (size <= limit) {
                return;
            }
            try (FileChannel previous = FileChannel.open(file.resolveSibling(file.getFileName() + ".1"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                long copied = 0;
                long step = 1;
                while (copied < limit && step > 0) {
                    step = current.transferTo(size - limit + copied, limit - copied, previous);
                    copied += step;
                }
            }
            current.truncate(0);
        }
        catch (IOException e) {
            // The log is best effort: the next trim tries again.
        }
    }

    /**
     * What is kept of a stream, oldest first; a character a trim cut in two reads as
     * U+FFFD.
     */
    public static String read(Path directory, String stream) throws IOException {
        Path current = directory.resolve(stream + ".log");
        Path previous = directory.resolve(stream + ".log.1");
        StringBuilder text = new StringBuilder();
        if (Files.exists(previous)) {
            text.append(new String(Files.readAllBytes(previous), StandardCharsets.UTF_8));
        }
        if (Files.exists(current)) {
            text.append(new String(Files.readAllBytes(current), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

}
