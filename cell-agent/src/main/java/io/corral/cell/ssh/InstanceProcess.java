package io.corral.cell.ssh;

import io.corral.cell.process.DefaultSignals;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * A shell or command run for an SSH channel, in the instance's directory and environment.
 * With a terminal it runs under util-linux {@code script}, which gives it a real
 * pseudo-terminal (so {@code ssh -t} is an interactive shell with job control, line
 * editing and curses programs), sized to the client's window and resized when the
 * client's window changes; {@code script --return} passes the command's exit status on.
 * Without a terminal stdin, stdout and stderr are plain pipes. Each stream is copied by a
 * thread that blocks on it (MINA's inverted shell polls every stream each millisecond for
 * as long as a session is open); the exit status goes out once stdout and stderr have
 * been read to their end, so no output is lost after it. Ending it ends every process it
 * started.
 */
final class InstanceProcess implements Command {

    private static final int CHUNK = 32 * 1024;

    /** The signals RFC 4254 lets a client send (ABRT has no name of its own in MINA). */
    private static final List<Signal> RELAYED_SIGNALS = List.of(Signal.HUP, Signal.INT, Signal.QUIT, Signal.KILL,
            Signal.USR1, Signal.USR2, Signal.TERM, Signal.ALRM, Signal.PIPE, Signal.IOT, Signal.ILL, Signal.FPE,
            Signal.SEGV);

    private final InstanceSshSpec spec;

    private final String command;

    private final AtomicBoolean ended = new AtomicBoolean();

    private InputStream in;

    private OutputStream out;

    private OutputStream err;

    private ExitCallback exit;

    private Process process;

    private volatile Terminal terminal;

    /** {@code command} is what {@code exec} asked for, or null for a shell. */
    InstanceProcess(InstanceSshSpec spec, String command) {
        this.spec = spec;
        this.command = command;
    }

    @Override
    public void start(ChannelSession channel, Environment environment) throws IOException {
        Optional<Terminal> requested = Terminal.of(environment);
        ProcessBuilder builder = new ProcessBuilder(DefaultSignals.of(commandLine(requested)))
            .directory(spec.directory().toFile());
        builder.environment().clear();
        builder.environment().putAll(InstanceEnvironment.of(spec, environment, requested));
        process = builder.start();
        requested.ifPresent(it -> {
            terminal = it;
            environment.addSignalListener((from, signal) -> resize(environment), Signal.WINCH);
        });
        environment.addSignalListener((from, signal) -> send(signal), RELAYED_SIGNALS);
        relay("stdin", () -> copyInput());
        Thread stderr = relay("stderr", () -> copy(process.getErrorStream(), err));
        relay("stdout", () -> {
            copy(process.getInputStream(), out);
            stderr.join();
            int status = process.waitFor();
            if (ended.compareAndSet(false, true)) {
                exit.onExit(status);
            }
        });
    }

    private interface Relay {

        void run() throws IOException, InterruptedException;

    }

    private static Thread relay(String stream, Relay relay) {
        Thread thread = new Thread(() -> {
            try {
                relay.run();
            }
            catch (IOException e) {
                // the channel or the process went away: the other side ends the session
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "instance-ssh-" + stream);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The client's input to the process; the client's EOF closes the process's stdin. */
    private void copyInput() throws IOException {
        try (OutputStream stdin = process.getOutputStream()) {
            copy(in, stdin);
        }
    }

    private static void copy(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[CHUNK];
        for (int read = from.read(buffer); read >= 0; read = from.read(buffer)) {
            to.write(buffer, 0, read);
            to.flush();
        }
    }

    private List<String> commandLine(Optional<Terminal> requested) {
        List<String> direct = new ArrayList<>(List.of(InstanceEnvironment.SHELL));
        if (command != null) {
            direct.addAll(List.of("-c", command));
        }
        if (requested.isEmpty()) {
            return direct;
        }
        Terminal it = requested.get();
        String inner = "stty cols " + it.columns() + " rows " + it.rows() + " 2>/dev/null; exec "
                + String.join(" ", direct.stream().map(InstanceProcess::quoted).toList());
        return List.of("script", "--quiet", "--flush", "--return", "--command", inner, "/dev/null");
    }

    /**
     * A client's {@code signal} request goes, as OpenSSH's sshd sends it, to the process
     * the session started: the command or shell itself (under a terminal, the shell
     * {@code script} started, not {@code script}).
     */
    private void send(Signal signal) {
        Optional<ProcessHandle> target = terminal == null ? Optional.of(process.toHandle())
                : process.toHandle().children().findFirst();
        target.ifPresent(it -> run("kill", "-s", String.valueOf(signal.getNumeric()), String.valueOf(it.pid())));
    }

    private static void run(String... command) {
        try {
            new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        }
        catch (IOException e) {
            // the process keeps running as it was: nothing else is affected
        }
    }

    /** Tells the terminal's programs the new window size, as a terminal's resize does. */
    private void resize(Environment environment) {
        Terminal resized = terminal.resizedTo(environment);
        terminal = resized;
        process.toHandle()
            .children()
            .findFirst()
            .flatMap(InstanceProcess::terminalDevice)
            .ifPresent(device -> run("stty", "-F", device, "cols", String.valueOf(resized.columns()), "rows",
                    String.valueOf(resized.rows())));
    }

    private static Optional<String> terminalDevice(ProcessHandle shell) {
        try {
            String device = Files.readSymbolicLink(Path.of("/proc", String.valueOf(shell.pid()), "fd", "0")).toString();
            return device.startsWith("/dev/pts/") ? Optional.of(device) : Optional.empty();
        }
        catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
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
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    /**
     * Kills the process and everything it started: a terminal's shell runs in a session
     * of its own under {@code script}, and an interactive shell ignores SIGTERM, so they
     * are killed outright, as a hang-up would end them.
     */
    @Override
    public void destroy(ChannelSession channel) {
        ended.set(true);
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

}
