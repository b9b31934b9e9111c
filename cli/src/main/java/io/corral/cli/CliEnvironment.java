package io.corral.cli;

import io.corral.cli.ssh.Processes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the CLI reads from the machine it runs on: environment variables, the working and
 * home directories, the clock, and how it runs OpenSSH. Tests give their own.
 */
public record CliEnvironment(Map<String, String> variables, Path workingDirectory, Path home, Clock clock,
        Processes processes) {

    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Path.of("").toAbsolutePath(),
                Path.of(System.getProperty("user.home")), Clock.systemUTC(), Processes.inheritingIo());
    }

    public String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }

}
