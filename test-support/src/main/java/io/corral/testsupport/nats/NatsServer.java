package io.corral.testsupport.nats;

import io.corral.support.FreePorts;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.LocalPorts;
import java.io.IOException;
import java.time.Duration;

/**
 * A NATS server for tests: the machine's at 127.0.0.1:4222 when it answers, else (or when
 * a test must stop and restart it) a {@code nats-server} process from PATH on a free
 * port.
 */
public final class NatsServer implements AutoCloseable {

    private static final int MACHINE_PORT = 4222;

    private static NatsServer shared;

    private final int port;

    private Process process;

    private NatsServer(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** The machine's NATS, else one started for every test of this JVM. */
    public static synchronized NatsServer shared() {
        if (shared == null) {
            shared = LocalPorts.listening(MACHINE_PORT) ? new NatsServer(MACHINE_PORT, null) : own();
        }
        return shared;
    }

    /** A server of the test's own, which it may stop and start again on the same port. */
    public static NatsServer own() {
        int port = FreePorts.pick();
        NatsServer server = new NatsServer(port, null);
        server.start();
        return server;
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public void start() {
        try {
            process = new ProcessBuilder("nats-server", "-a", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        }
        catch (IOException e) {
            throw new IllegalStateException("nats-server is not on PATH (Debian: apt-get install nats-server)", e);
        }
        Eventually.await(Duration.ofSeconds(10), "nats-server listening on " + port, () -> LocalPorts.listening(port));
    }

    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

}
