package io.corral.sshproxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OpenSSH client ({@code ssh}, {@code scp}, {@code sftp}) run against a proxy, the
 * password fed through {@code SSH_ASKPASS} (forced), host keys neither checked nor kept.
 */
public final class OpenSsh {

    /** What a client run printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {

        public String output() {
            return stdout + stderr;
        }

    }

    private static final Path ASKPASS = askpass();

    private final int port;

    private final String user;

    private final String password;

    public OpenSsh(int port, String user, String password) {
        this.port = port;
        this.user = user;
        this.password = password;
    }

    public static List<String> commonOptions() {
        return List.of("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "PreferredAuthentications=password,keyboard-interactive", "-o", "NumberOfPasswordPrompts=1", "-o",
                "ConnectTimeout=20");
    }

    /** {@code ssh [options] user@127.0.0.1 [command]} with {@code stdin}. */
    public Result ssh(String stdin, String... arguments) {
        return run(sshCommand(arguments), stdin);
    }

    /**
     * {@code ssh} with the options before {@code --} in {@code arguments} (ahead of the
     * common ones: the first value of an option wins), then the destination and the rest.
     */
    private List<String> sshCommand(String... arguments) {
        List<String> command = new ArrayList<>(List.of("ssh", "-p", String.valueOf(port)));
        List<String> rest = new ArrayList<>(List.of(arguments));
        int split = rest.indexOf("--");
        if (split >= 0) {
            command.addAll(rest.subList(0, split));
            rest = rest.subList(split + 1, rest.size());
        }
        command.addAll(commonOptions());
        command.add(user + "@127.0.0.1");
        command.addAll(rest);
        return command;
    }

    /** {@code scp [options] from to}, a remote side written {@code remote:path}. */
    public Result scp(String... arguments) {
        List<String> command = new ArrayList<>(List.of("scp", "-P", String.valueOf(port), "-o", "User=" + user));
        command.addAll(commonOptions());
        for (String argument : arguments) {
            command.add(argument.startsWith("remote:") ? "127.0.0.1:" + argument.substring(7) : argument);
        }
        return run(command, "");
    }

    /** {@code sftp -b -} running {@code batch}. */
    public Result sftp(String batch) {
        List<String> command = new ArrayList<>(
                List.of("sftp", "-P", String.valueOf(port), "-o", "User=" + user, "-o", "BatchMode=no"));
        command.addAll(commonOptions());
        command.addAll(List.of("-b", "-", "127.0.0.1"));
        return run(command, batch);
    }

    /** An {@code ssh} running in the background, its stderr kept in a file. */
    public record Background(Process process, Path stderrFile) implements AutoCloseable {

        public String stderr() {
            try {
                return Files.readString(stderrFile);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            process.destroy();
        }

    }

    /** Starts {@code ssh} without waiting for it (a live session, a forwarding). */
    public Background start(String... arguments) {
        try {
            Path stderr = Files.createTempFile("corral-ssh", ".err");
            return new Background(builder(sshCommand(arguments)).redirectError(stderr.toFile()).start(), stderr);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result run(List<String> command, String stdin) {
        try {
            Process process = builder(command).start();
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            var stderr = process.getErrorStream();
            var errText = new StringBuilder();
            Thread errReader = new Thread(() -> {
                try {
                    errText.append(new String(stderr.readAllBytes(), StandardCharsets.UTF_8));
                }
                catch (IOException e) {
                    errText.append(e);
                }
            });
            errReader.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            errReader.join();
            return new Result(process.exitValue(), out, errText.toString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SSH_ASKPASS", ASKPASS.toString());
        builder.environment().put("SSH_ASKPASS_REQUIRE", "force");
        builder.environment().put("CORRAL_TEST_PASSWORD", password);
        builder.environment().remove("SSH_AUTH_SOCK");
        return builder;
    }

    private static Path askpass() {
        try {
            Path script = Files.createTempFile("corral-askpass", ".sh",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$CORRAL_TEST_PASSWORD\"\n");
            return script;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
