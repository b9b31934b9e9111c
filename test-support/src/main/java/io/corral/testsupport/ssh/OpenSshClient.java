package io.corral.testsupport.ssh;

import io.corral.testsupport.TemporaryDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The OpenSSH client ({@code ssh}, {@code scp}, {@code sftp}) logging in to
 * {@code 127.0.0.1} with a password (a proxy's login: fed through a forced
 * {@code SSH_ASKPASS}) or a private key file (the proxy's second hop), host keys neither
 * checked nor kept, no user configuration or agent.
 */
public final class OpenSshClient {

    /** What a client run printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {

        public String output() {
            return stdout + stderr;
        }

    }

    /**
     * An {@code ssh} running in the background, its stderr kept in a file until it is
     * closed.
     */
    public record Background(Process process, Path stderrFile) implements AutoCloseable {

        public String stderr() {
            return readString(stderrFile);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                Files.deleteIfExists(stderrFile);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

    }

    private static final Path ASKPASS = askpass();

    private final int port;

    private final String user;

    private final Login login;

    private OpenSshClient(int port, String user, Login login) {
        this.port = port;
        this.user = user;
        this.login = login;
    }

    /** Logs in as {@code user} with {@code password}, as a user logs in to a proxy. */
    public static OpenSshClient withPassword(int port, String user, String password) {
        return new OpenSshClient(port, user, new Password(password));
    }

    /** Logs in as {@code user} with the private key in {@code key}. */
    public static OpenSshClient withKey(int port, String user, Path key) {
        return new OpenSshClient(port, user, new Key(key));
    }

    public OpenSshClient as(String otherUser) {
        return new OpenSshClient(port, otherUser, login);
    }

    public OpenSshClient usingKey(Path otherKey) {
        return new OpenSshClient(port, user, new Key(otherKey));
    }

    /**
     * {@code ssh [options] user@127.0.0.1 [command]} with {@code stdin}; the options are
     * the arguments before {@code --}, ahead of this client's own (the first value of an
     * option wins).
     */
    public Result ssh(String stdin, String... arguments) {
        return ssh(Map.of(), stdin, arguments);
    }

    /** {@code ssh} as {@link #ssh(String, String...)} with {@code environment} added. */
    public Result ssh(Map<String, String> environment, String stdin, String... arguments) {
        return run(builder(sshCommand(arguments), environment), stdin);
    }

    /**
     * Starts {@code ssh} without waiting for it (a live session, a forwarding); its
     * stdout is the process's to read.
     */
    public Background start(String... arguments) {
        try {
            Path stderr = Files.createTempFile("corral-ssh", ".err");
            return new Background(builder(sshCommand(arguments), Map.of()).redirectError(stderr.toFile()).start(),
                    stderr);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code scp [options] from to}, the remote side written {@code remote:path}. */
    public Result scp(String... arguments) {
        List<String> command = new ArrayList<>(List.of("scp", "-P", String.valueOf(port), "-o", "User=" + user));
        command.addAll(options());
        for (String argument : arguments) {
            command.add(argument.startsWith("remote:") ? "127.0.0.1:" + argument.substring(7) : argument);
        }
        return run(builder(command, Map.of()), "");
    }

    /** {@code sftp -b -} running {@code batch}. */
    public Result sftp(String batch) {
        List<String> command = new ArrayList<>(List.of("sftp", "-P", String.valueOf(port), "-o", "User=" + user));
        command.addAll(options());
        command.addAll(List.of("-b", "-", "127.0.0.1"));
        return run(builder(command, Map.of()), batch);
    }

    /** Runs any command, {@code ssh-keygen} say, to its end (at most 60 s). */
    public static Result run(List<String> command, String stdin) {
        return run(new ProcessBuilder(command), stdin);
    }

    /**
     * A new key pair made by {@code ssh-keygen}: {@code file} (private) and
     * {@code file.pub}, ECDSA P-256 unless {@code options} say otherwise.
     */
    public static Path keygen(Path file, String... options) {
        List<String> command = new ArrayList<>(
                List.of("ssh-keygen", "-q", "-N", "", "-C", "corral-test", "-f", file.toString()));
        command.addAll(List.of(options));
        if (!command.contains("-t")) {
            command.addAll(List.of("-t", "ecdsa", "-b", "256"));
        }
        Result result = run(command, "");
        if (result.exitCode() != 0) {
            throw new AssertionError("ssh-keygen failed: " + result.stderr());
        }
        return file;
    }

    public static String readString(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> sshCommand(String... arguments) {
        List<String> command = new ArrayList<>(List.of("ssh", "-p", String.valueOf(port)));
        List<String> rest = new ArrayList<>(List.of(arguments));
        int split = rest.indexOf("--");
        if (split >= 0) {
            command.addAll(rest.subList(0, split));
            rest = rest.subList(split + 1, rest.size());
        }
        command.addAll(options());
        command.add(user + "@127.0.0.1");
        command.addAll(rest);
        return command;
    }

    private List<String> options() {
        List<String> options = new ArrayList<>(List.of("-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o",
                "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=20"));
        options.addAll(login.options());
        return options;
    }

    private ProcessBuilder builder(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("SSH_AUTH_SOCK");
        login.prepare(builder.environment());
        builder.environment().putAll(environment);
        return builder;
    }

    private static Result run(ProcessBuilder builder, String stdin) {
        try {
            Process process = builder.start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process, true));
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String stdout = read(process, false);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(builder.command() + " did not end within 60 s");
            }
            return new Result(process.exitValue(), stdout, stderr.join());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(Process process, boolean errors) {
        try {
            return new String((errors ? process.getErrorStream() : process.getInputStream()).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path askpass() {
        try {
            Path script = Files.createFile(TemporaryDirectories.create("corral-askpass").resolve("askpass.sh"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$CORRAL_TEST_PASSWORD\"\n");
            return script;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How the client proves who it is. */
    private sealed interface Login {

        List<String> options();

        void prepare(Map<String, String> environment);

    }

    private record Password(String password) implements Login {

        @Override
        public List<String> options() {
            return List.of("-o", "PreferredAuthentications=password,keyboard-interactive", "-o",
                    "NumberOfPasswordPrompts=1", "-o", "BatchMode=no");
        }

        @Override
        public void prepare(Map<String, String> environment) {
            environment.put("SSH_ASKPASS", ASKPASS.toString());
            environment.put("SSH_ASKPASS_REQUIRE", "force");
            environment.put("CORRAL_TEST_PASSWORD", password);
        }

    }

    private record Key(Path file) implements Login {

        @Override
        public List<String> options() {
            return List.of("-i", file.toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes");
        }

        @Override
        public void prepare(Map<String, String> environment) {
        }

    }

}
