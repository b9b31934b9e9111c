package io.corral.cli.ssh;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Feeds OpenSSH the one-time code as the password: a script in a directory of its own
 * (both readable by the owner only) that OpenSSH runs as {@code SSH_ASKPASS} (forced, so
 * also on a terminal). The code is in the environment of the OpenSSH process, never in a
 * file; any other question (an unknown host key) goes to the terminal. Closing deletes
 * the directory.
 */
final class Askpass implements AutoCloseable {

    static final String CODE_VARIABLE = "CORRAL_SSH_CODE";

    private static final String SCRIPT = """
            #!/bin/sh
            # corral: answers OpenSSH's password prompt with the one-time code; asks the terminal anything else.
            case "$1" in
              *assword*) printf '%s\\n' "$CORRAL_SSH_CODE" ;;
              *) printf '%s' "$1" >/dev/tty && IFS= read -r answer </dev/tty && printf '%s\\n' "$answer" ;;
            esac
            """;

    private final Path directory;

    private final Path script;

    private Askpass(Path directory, Path script) {
        this.directory = directory;
        this.script = script;
    }

    static Askpass create() {
        try {
            Path directory = Files.createTempDirectory("corral-ssh",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path script = Files.writeString(directory.resolve("askpass"), SCRIPT);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            deleteOnExit(directory, script);
            return new Askpass(directory, script);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the askpass script for OpenSSH", e);
        }
    }

    /** What OpenSSH needs in its environment to log in with {@code code}. */
    Map<String, String> environment(String code) {
        return Map.of("SSH_ASKPASS", script.toString(), "SSH_ASKPASS_REQUIRE", "force", CODE_VARIABLE, code);
    }

    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(script);
            Files.deleteIfExists(directory);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    /** Also when the CLI is interrupted (Ctrl-C) while OpenSSH runs: the script first. */
    private static void deleteOnExit(Path directory, Path script) {
        File dir = directory.toFile();
        dir.deleteOnExit();
        script.toFile().deleteOnExit();
    }

}
