package io.corral.sshproxy.server;

import io.corral.sshproxy.access.ChannelRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.channel.PtyCapableChannelSession;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.PtyChannelConfiguration;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shell, command or sftp subsystem relayed to the same on the instance: the user's
 * terminal (type, size, modes) and environment are asked for there too, stdin, stdout and
 * stderr are copied both ways with the SSH windows' flow control, window size changes are
 * passed on, so are {@code signal} requests, and the instance's exit status, or the
 * signal that killed the command, is the user's.
 */
final class SessionRelay implements Command, Relay {

    private static final Logger log = LoggerFactory.getLogger(SessionRelay.class);

    private static final int NO_EXIT_STATUS = 255;

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final ProxySession session;

    private final ProxyChannelSession channel;

    private final ChannelRequest request;

    private final ExecutorService executor;

    private final ProxyMetrics metrics;

    private final Duration openTimeout;

    private InputStream in;

    private OutputStream out;

    private OutputStream err;

    private ExitCallback exit;

    private volatile ClientChannel target;

    SessionRelay(ProxySession session, ProxyChannelSession channel, ChannelRequest request, ExecutorService executor,
            ProxyMetrics metrics, Duration openTimeout) {
        this.session = session;
        this.channel = channel;
        this.request = request;
        this.executor = executor;
        this.metrics = metrics;
        this.openTimeout = openTimeout;
    }

    @Override
    public ChannelRequest request() {
        return request;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channelSession, Environment env) {
        Map<String, String> environment = new HashMap<>(env.getEnv());
        environment.keySet()
            .removeAll(java.util.List.of(Environment.ENV_USER, Environment.ENV_TERM, Environment.ENV_COLUMNS,
                    Environment.ENV_LINES));
        executor.execute(() -> run(environment));
    }

    private void run(Map<String, String> environment) {
        int status = NO_EXIT_STATUS;
        String signal = null;
        try {
            ClientChannel opened = open(session.target(), environment);
            target = opened;
            session.add(this);
            opened.open().verify(openTimeout);
            channel.onResize((columns, rows, width, height) -> {
                if (opened instanceof PtyCapableChannelSession pty) {
                    pty.sendWindowChange(columns, rows, height, width);
                }
            });
            channel.onSignal(name -> signal(opened, name));
            relay(opened);
            Integer exitStatus = opened.getExitStatus();
            status = exitStatus == null ? NO_EXIT_STATUS : exitStatus;
            signal = exitStatus == null ? opened.getExitSignal() : null;
        }
        catch (IOException | RuntimeException e) {
            log.debug("relay of {} ended: {}", request.getClass().getSimpleName(), e.toString());
            tell("the instance did not accept the request (" + e.getClass().getSimpleName() + ")");
        }
        finally {
            session.remove(this);
            end(status, signal);
        }
    }

    /** Ends the user's channel as the instance's ended: by a signal, or with a status. */
    private void end(int status, String signal) {
        try {
            if (signal != null) {
                out.flush();
                err.flush();
                if (channel.exitBySignal(signal)) {
                    return;
                }
            }
        }
        catch (IOException e) {
            log.debug("could not relay the exit signal {}: {}", signal, e.toString());
        }
        exit.onExit(status);
    }

    /** The user's {@code signal} request, passed on to the command on the instance. */
    private static void signal(ClientChannel opened, String name) throws IOException {
        Buffer buffer = opened.getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 32);
        buffer.putUInt(opened.getRecipient());
        buffer.putString("signal");
        buffer.putBoolean(false);
        buffer.putString(name);
        opened.writePacket(buffer);
    }

    private ClientChannel open(ClientSession target, Map<String, String> environment) throws IOException {
        PtyChannelConfiguration pty = channel.pty();
        PtyChannelConfiguration config = pty == null ? new PtyChannelConfiguration() : pty;
        if (request instanceof ChannelRequest.Shell) {
            ChannelShell shell = target.createShellChannel(config, environment);
            shell.setUsePty(pty != null);
            return shell;
        }
        if (request instanceof ChannelRequest.Exec exec) {
            ChannelExec command = target.createExecChannel(exec.command(), StandardCharsets.UTF_8, config, environment);
            command.setUsePty(pty != null);
            return command;
        }
        return target.createSubsystemChannel(((ChannelRequest.Subsystem) request).name());
    }

    private void relay(ClientChannel opened) throws IOException {
        boolean sftp = request instanceof ChannelRequest.Subsystem;
        SftpFilter filter = new SftpFilter(session);
        CountDownLatch outputsDone = new CountDownLatch(2);
        executor.execute(() -> {
            try (OutputStream toInstance = opened.getInvertedIn()) {
                if (sftp) {
                    filter.toInstance(in, toInstance, out, metrics::relayedToInstance);
                }
                else {
                    Pumps.copy(in, toInstance, metrics::relayedToInstance);
                }
            }
            catch (IOException e) {
                log.trace("input relay ended", e);
            }
        });
        executor.execute(() -> pump(() -> {
            if (sftp) {
                filter.toUser(opened.getInvertedOut(), out, metrics::relayedFromInstance);
            }
            else {
                Pumps.copy(opened.getInvertedOut(), out, metrics::relayedFromInstance);
            }
        }, outputsDone));
        executor.execute(
                () -> pump(() -> Pumps.copy(opened.getInvertedErr(), err, metrics::relayedFromInstance), outputsDone));
        try {
            outputsDone.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        opened.waitFor(
                EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS, ClientChannelEvent.EXIT_SIGNAL),
                CLOSE_WAIT);
    }

    private interface IoAction {

        void run() throws IOException;

    }

    private static void pump(IoAction action, CountDownLatch done) {
        try {
            action.run();
        }
        catch (IOException e) {
            log.trace("output relay ended", e);
        }
        finally {
            done.countDown();
        }
    }

    @Override
    public void withdraw(String message) {
        tell(message);
        ClientChannel opened = target;
        if (opened != null) {
            opened.close(true);
        }
    }

    private void tell(String message) {
        try {
            err.write(("\r\ncorral: " + message + "\r\n").getBytes(StandardCharsets.UTF_8));
            err.flush();
        }
        catch (IOException e) {
            log.trace("could not tell the user", e);
        }
    }

    @Override
    public void destroy(ChannelSession channelSession) {
        session.remove(this);
        ClientChannel opened = target;
        if (opened != null) {
            opened.close(true);
        }
    }

}
