package io.corral.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Corral main class run as an operator runs it: a JVM of its own (on this test's
 * classpath) in a working directory of the test's, its output in a file, stopped by a
 * signal, or killed ({@code kill -9}) as a crash would end it.
 */
public final class ChildJvm {

    private final Process process;

    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ChildJvm start(Path directory, Map<String, String> env, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile(directory, "run", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            return new ChildJvm(builder.start(), log);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as a service manager stops it. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: nothing of it runs after. */
    public void kill() {
        process.destroyForcibly();
    }

    /**
     * Whether it exited within {@code limit}; killed if not, so no test leaves one
     * behind.
     */
    public boolean exitsWithin(Duration limit) {
        try {
            if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor();
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        try {
            return Files.readString(log);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
