package io.corral.cell.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An instance's stdout and stderr, each kept in a file of at most {@code limit} bytes and
 * the one before it: older output is dropped. The agent's own messages about the instance
 * (progress, failures) go to stdout, marked {@code [cell]}.
 */
public final class InstanceLogs implements AutoCloseable {

    private final BoundedFile stdout;

    private final BoundedFile stderr;

    public InstanceLogs(Path directory, long limit) {
        try {
            Files.createDirectories(directory);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.stdout = new BoundedFile(directory.resolve("stdout.log"), limit);
        this.stderr = new BoundedFile(directory.resolve("stderr.log"), limit);
    }

    public OutputStream stdout() {
        return stdout;
    }

    public OutputStream stderr() {
        return stderr;
    }

    public void system(String message) {
        try {
            stdout.write(("[cell] " + message + "\n").getBytes(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            // The log is best effort: a full disk must not stop the instance.
        }
    }

    /** What is kept of a stream, oldest first. */
    public static String read(Path directory, String stream) throws IOException {
        Path current = directory.resolve(stream + ".log");
        Path previous = directory.resolve(stream + ".log.1");
        StringBuilder text = new StringBuilder();
        if (Files.exists(previous)) {
            text.append(Files.readString(previous, StandardCharsets.UTF_8));
        }
        if (Files.exists(current)) {
            text.append(Files.readString(current, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    @Override
    public void close() {
        stdout.close();
        stderr.close();
    }

    private static final class BoundedFile extends OutputStream {

        private final Path path;

        private final long limit;

        private OutputStream out;

        private long size;

        BoundedFile(Path path, long limit) {
            this.path = path;
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            if (out == null || size + length > limit) {
                rotate();
            }
            out.write(bytes, offset, length);
            out.flush();
            size += length;
        }

        private void rotate() throws IOException {
            if (out != null) {
                out.close();
                Files.move(path, path.resolveSibling(path.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            size = 0;
        }

        @Override
        public synchronized void close() {
            if (out != null) {
                try {
                    out.close();
                }
                catch (IOException e) {
                    // closing a log file that cannot be closed loses nothing more
                }
            }
        }

    }

}
