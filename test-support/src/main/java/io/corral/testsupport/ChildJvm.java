package io.corral.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A Corral main class run as an operator runs it: a JVM of its own (on this test's
 * classpath) in a working directory of the test's, its output in a file, stopped by a
 * signal, or killed ({@code kill -9}) as a crash would end it.
 */
public final class ChildJvm {

    private static final int LOWEST_PORT = 20_000;

    private static final Path LOCAL_PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

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

    /**
     * A port nothing listens on, for a service the test starts later. It lies below the
     * kernel's range of local ports for outgoing connections: a port from that range
     * (what binding port 0 gives) was once taken by a connection opened meanwhile, to
     * PostgreSQL or between services, before the service could listen on it.
     */
    public static int freePort() {
        int below = Math.max(firstOutgoingPort(), LOWEST_PORT + 1_000);
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST_PORT, below);
            if (free(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port from " + LOWEST_PORT + " to " + below);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        }
        catch (IOException taken) {
            return false;
        }
    }

    /**
     * Where Linux starts the local ports of outgoing connections; its default elsewhere.
     */
    private static int firstOutgoingPort() {
        try {
            return Integer.parseInt(Files.readString(LOCAL_PORT_RANGE).trim().split("\\s+")[0]);
        }
        catch (IOException | RuntimeException unknown) {
            return 32_768;
        }
    }

}
