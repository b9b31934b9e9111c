package io.corral.cli;

import io.corral.cli.ssh.Processes;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.TemporaryDirectories;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Runs {@code corral} in the test's JVM as a shell would run it: arguments, environment
 * variables, a working directory and a home, its output captured.
 */
final class CliRunner {

    /** How a run ended and what it printed. */
    record Result(int exitCode, String out, String err) {

        JsonNode json() {
            return ReceptorJson.mapper().readTree(out);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }

    }

    private final Map<String, String> variables;

    private final Path workingDirectory;

    private final Path home;

    private final Processes processes;

    CliRunner(Map<String, String> variables, Path workingDirectory, Path home, Processes processes) {
        this.variables = Map.copyOf(variables);
        this.workingDirectory = workingDirectory;
        this.home = home;
        this.processes = processes;
    }

    /**
     * A runner in a checkout where the embedded launcher wrote {@code token} to
     * {@code .corral/dev-token}, working two directories below it, with an empty home.
     */
    static CliRunner inCheckoutWithToken(Map<String, String> variables, String token, Processes processes) {
        Path checkout = TemporaryDirectories.create("corral-cli-checkout");
        try {
            Files.createDirectories(checkout.resolve(".corral"));
            Files.writeString(checkout.resolve(".corral/dev-token"), token + "\n");
            Path below = Files.createDirectories(checkout.resolve("deploy/k8s"));
            return new CliRunner(variables, below, TemporaryDirectories.create("corral-cli-home"), processes);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same runner with {@code name} set (or, with a null value, unset). */
    CliRunner with(String name, String value) {
        Map<String, String> changed = new HashMap<>(variables);
        if (value == null) {
            changed.remove(name);
        }
        else {
            changed.put(name, value);
        }
        return new CliRunner(changed, workingDirectory, home, processes);
    }

    CliRunner in(Path directory) {
        return new CliRunner(variables, directory, home, processes);
    }

    Path workingDirectory() {
        return workingDirectory;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = CorralCli
            .commandLine(new CliEnvironment(variables, workingDirectory, home, Clock.systemUTC(), processes));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
