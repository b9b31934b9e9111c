package io.corral.cli.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The files of one OpenSSH login, in a directory of its own readable by the owner only,
 * deleted on close: the askpass script that feeds OpenSSH the one-time code as the
 * password (run as {@code SSH_ASKPASS}, forced, so also on a terminal), and the
 * known_hosts file pinning the proxy's checked host key. The code is in the environment
 * of the OpenSSH process, never in a file; any other question OpenSSH asks goes to the
 * terminal.
 */
final class LoginDirectory implements AutoCloseable {

    static final String CODE_VARIABLE = "CORRAL_SSH_CODE";

    private static final String ASKPASS_SCRIPT = """
            #!/bin/sh
            # corral: answers OpenSSH's password prompt with the one-time code; asks the terminal anything else.
            case "$1" in
              *assword*) printf '%s\\n' "$CORRAL_SSH_CODE" ;;
              *) printf '%s' "$1" >/dev/tty && IFS= read -r answer </dev/tty && printf '%s\\n' "$answer" ;;
            esac
            """;

    private final Path directory;

    private final Path askpass;

    private final Path knownHosts;

    private LoginDirectory(Path directory) {
        this.directory = directory;
        this.askpass = directory.resolve("askpass");
        this.knownHosts = directory.resolve("known_hosts");
    }

    static LoginDirectory create() {
        try {
            LoginDirectory login = new LoginDirectory(Files.createTempDirectory("corral-ssh",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
            Files.writeString(login.askpass, ASKPASS_SCRIPT);
            Files.setPosixFilePermissions(login.askpass, PosixFilePermissions.fromString("rwx------"));
            login.deleteOnExit();
            return login;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the askpass script for OpenSSH", e);
        }
    }

    /** What OpenSSH needs in its environment to log in with {@code code}. */
    Map<String, String> environment(String code) {
        return Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force", CODE_VARIABLE, code);
    }

    /** Writes {@code line} as the only known host key; the file's path. */
    Path knownHosts(String line) {
        try {
            return Files.writeString(knownHosts, line + "\n");
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the proxy's host key for OpenSSH", e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(askpass);
            Files.deleteIfExists(knownHosts);
            Files.deleteIfExists(directory);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    /** Also when the CLI is interrupted (Ctrl-C) while OpenSSH runs: the files first. */
    private void deleteOnExit() {
        directory.toFile().deleteOnExit();
        knownHosts.toFile().deleteOnExit();
        askpass.toFile().deleteOnExit();
    }

}
