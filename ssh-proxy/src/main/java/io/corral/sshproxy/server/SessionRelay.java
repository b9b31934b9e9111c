package io.corral.sshproxy.server;

import io.corral.sshproxy.access.ChannelRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.PtyCapableChannelSession;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.channel.LocalWindow;
import org.apache.sshd.common.channel.PtyChannelConfiguration;
import org.apache.sshd.common.channel.StreamingChannel.Streaming;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelDataReceiver;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionAware;
import org.apache.sshd.server.command.AsyncCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shell, command or sftp subsystem relayed to the same on the instance: the user's
 * terminal (type, size, modes) and environment are asked for there too, stdin, stdout and
 * stderr are copied both ways with the SSH windows' flow control, window size changes are
 * passed on, so are {@code signal} requests, and the instance's exit status, or the
 * signal that killed the command, is the user's.
 * <p>
 * The copying is asynchronous: what one channel receives is written to the other
 * channel's asynchronous stream ({@link StreamPump}, {@link ReceivedData}), and the
 * receiving channel's window opens only as that is written, so no thread waits on a slow
 * peer and nothing is buffered beyond the windows. The user's channel ends only after the
 * instance's stdout and stderr have been read to their end and written to the user, and
 * the instance has sent its exit status (or closed).
 */
final class SessionRelay implements AsyncCommand, ChannelSessionAware, Relay {

    private static final Logger log = LoggerFactory.getLogger(SessionRelay.class);

    private static final int NO_EXIT_STATUS = 255;

    private final ProxySession session;

    private final ProxyChannelSession channel;

    private final ChannelRequest request;

    private final ExecutorService executor;

    private final ProxyMetrics metrics;

    private final Duration openTimeout;

    private final OrderedOutput toInstance = new OrderedOutput();

    private final OrderedOutput out = new OrderedOutput();

    private final OrderedOutput err = new OrderedOutput();

    private final CompletableFuture<Void> exited = new CompletableFuture<>();

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

    /** The user's input goes to the instance as it arrives, without a stream between. */
    @Override
    public void setChannelSession(ChannelSession channelSession) {
        channelSession.setDataReceiver(userInput(channelSession.getLocalWindow()));
    }

    private ChannelDataReceiver userInput(LocalWindow window) {
        if (request instanceof ChannelRequest.Subsystem) {
            SftpFilter filter = new SftpFilter(session, toInstance, out, window, metrics::relayedToInstance);
            return receiver((data, offset, length) -> {
                try {
                    filter.received(data, offset, length);
                }
                catch (IOException e) {
                    log.debug("sftp relay ended: {}", e.getMessage());
                    channel.close(true);
                }
            });
        }
        ReceivedData input = new ReceivedData(window, toInstance, metrics::relayedToInstance);
        return receiver(input::received);
    }

    private interface Input {

        void received(byte[] data, int offset, int length);

    }

    /**
     * Passes the user's data on; at the user's end of input, the instance's input ends
     * too.
     */
    private ChannelDataReceiver receiver(Input input) {
        return new ChannelDataReceiver() {
            @Override
            public int data(ChannelSession channelSession, byte[] buf, int start, int len) {
                input.received(buf, start, len);
                return 0;
            }

            @Override
            public void close() {
                toInstance.afterWritten(() -> {
                    ClientChannel opened = target;
                    if (opened != null) {
                        opened.getAsyncIn().close(false);
                    }
                });
            }
        };
    }

    @Override
    public void setInputStream(InputStream in) {
    }

    @Override
    public void setOutputStream(OutputStream stream) {
    }

    @Override
    public void setErrorStream(OutputStream stream) {
    }

    @Override
    public void setIoInputStream(IoInputStream in) {
    }

    @Override
    public void setIoOutputStream(IoOutputStream stream) {
        out.attach(stream);
    }

    @Override
    public void setIoErrorStream(IoOutputStream stream) {
        err.attach(stream);
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channelSession, Environment env) {
        Map<String, String> environment = new HashMap<>(env.getEnv());
        environment.keySet()
            .removeAll(List.of(Environment.ENV_USER, Environment.ENV_TERM, Environment.ENV_COLUMNS,
                    Environment.ENV_LINES));
        executor.execute(() -> open(environment));
    }

    /**
     * Opens the instance's channel (waiting for it off the SSH I/O threads), then relays.
     */
    private void open(Map<String, String> environment) {
        try {
            ClientChannel opened = create(session.target(), environment);
            opened.setStreaming(Streaming.Async);
            opened.addChannelListener(new ChannelListener() {
                @Override
                public void channelStateChanged(Channel changed, String hint) {
                    if (opened.getExitStatus() != null || opened.getExitSignal() != null) {
                        exited.complete(null);
                    }
                }

                @Override
                public void channelClosed(Channel closed, Throwable reason) {
                    exited.complete(null);
                }
            });
            target = opened;
            if (!session.add(this)) {
                err.afterWritten(() -> end(NO_EXIT_STATUS, null));
                return;
            }
            opened.open().verify(openTimeout);
            channel.onResize((columns, rows, width, height) -> {
                if (opened instanceof PtyCapableChannelSession pty) {
                    pty.sendWindowChange(columns, rows, height, width);
                }
            });
            channel.onSignal(name -> signal(opened, name));
            relay(opened);
        }
        catch (IOException | RuntimeException e) {
            log.debug("relay of {} ended: {}", request.getClass().getSimpleName(), e.toString());
            tell("the instance did not accept the request (" + e.getClass().getSimpleName() + ")");
            err.afterWritten(() -> end(NO_EXIT_STATUS, null));
        }
    }

    private void relay(ClientChannel opened) {
        toInstance.attach(opened.getAsyncIn());
        CompletableFuture<Void> stdout = new CompletableFuture<>();
        CompletableFuture<Void> stderr = new CompletableFuture<>();
        StreamPump.start(opened.getAsyncOut(),
                request instanceof ChannelRequest.Subsystem ? SftpFilter.PACKETS : StreamPump.Framing.BYTES, out,
                metrics::relayedFromInstance, () -> stdout.complete(null));
        StreamPump.start(opened.getAsyncErr(), StreamPump.Framing.BYTES, err, metrics::relayedFromInstance,
                () -> stderr.complete(null));
        CompletableFuture.allOf(stdout, stderr, exited).thenRun(() -> {
            Integer exitStatus = opened.getExitStatus();
            end(exitStatus == null ? NO_EXIT_STATUS : exitStatus, exitStatus == null ? opened.getExitSignal() : null);
        });
    }

    /** Ends the user's channel as the instance's ended: by a signal, or with a status. */
    private void end(int status, String signal) {
        session.remove(this);
        try {
            if (signal != null && channel.exitBySignal(signal)) {
                return;
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

    private ClientChannel create(ClientSession target, Map<String, String> environment) throws IOException {
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

    @Override
    public void withdraw(String message) {
        tell(message);
        ClientChannel opened = target;
        if (opened != null) {
            opened.close(true);
        }
    }

    private void tell(String message) {
        err.write(new ByteArrayBuffer(("\r\ncorral: " + message + "\r\n").getBytes(StandardCharsets.UTF_8)), () -> {
        });
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
