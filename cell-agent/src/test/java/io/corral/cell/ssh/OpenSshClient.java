package io.corral.cell.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The OpenSSH client ({@code ssh}, {@code scp}, {@code sftp}) logging in with a private
 * key file, as the ssh-proxy's second hop does, host keys neither checked nor kept.
 */
final class OpenSshClient {

    /** What a client run printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {

    }

    private final int port;

    private final String user;

    private final Path key;

    OpenSshClient(int port, String user, Path key) {
        this.port = port;
        this.user = user;
        this.key = key;
    }

    OpenSshClient withKey(Path otherKey) {
        return new OpenSshClient(port, user, otherKey);
    }

    OpenSshClient withUser(String otherUser) {
        return new OpenSshClient(port, otherUser, key);
    }

    /**
     * {@code ssh [options] user@127.0.0.1 [command]} with {@code stdin}; the options are
     * the arguments before {@code --}.
     */
    Result ssh(String stdin, String... arguments) {
        return run(sshCommand(arguments), stdin);
    }

    /** {@code ssh} as {@link #ssh} with {@code environment} added to the client's. */
    Result ssh(Map<String, String> environment, String stdin, String... arguments) {
        List<String> command = new ArrayList<>(List.of("env"));
        environment.forEach((name, value) -> command.add(name + "=" + value));
        command.addAll(sshCommand(arguments));
        return run(command, stdin);
    }

    /** {@code ssh} running in the background (a live session, a forwarding). */
    Process start(String... arguments) {
        try {
            return new ProcessBuilder(sshCommand(arguments)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code scp [options] from to}, the instance's side written {@code remote:path}. */
    Result scp(String... arguments) {
        List<String> command = new ArrayList<>(List.of("scp", "-P", String.valueOf(port)));
        command.addAll(options());
        for (String argument : arguments) {
            command.add(argument.startsWith("remote:") ? user + "@127.0.0.1:" + argument.substring(7) : argument);
        }
        return run(command, "");
    }

    /** {@code sftp -b -} running {@code batch}. */
    Result sftp(String batch) {
        List<String> command = new ArrayList<>(List.of("sftp", "-P", String.valueOf(port)));
        command.addAll(options());
        command.addAll(List.of("-b", "-", user + "@127.0.0.1"));
        return run(command, batch);
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
        return List.of("-i", key.toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o",
                "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o",
                "ConnectTimeout=20", "-F", "/dev/null");
    }

    static Result run(List<String> command, String stdin) {
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process, true));
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String stdout = read(process, false);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not end within 60 s");
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

    /**
     * A new key pair made by {@code ssh-keygen}: {@code file} (private) and
     * {@code file.pub}.
     */
    static Path keygen(Path file, String... format) {
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C",
                "corral-test", "-f", file.toString()));
        command.addAll(List.of(format));
        Result result = run(command, "");
        if (result.exitCode() != 0) {
            throw new AssertionError("ssh-keygen failed: " + result.stderr());
        }
        return file;
    }

    static String readString(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
