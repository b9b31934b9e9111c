package io.corral.cli.ssh;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** How the CLI runs the OpenSSH client. */
@FunctionalInterface
public interface Processes {

    /**
     * Runs {@code command} with {@code environment} added to the CLI's own and waits for
     * it; its exit status.
     */
    int run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException;

    /** The command on the CLI's own terminal: its stdin, stdout and stderr. */
    static Processes inheritingIo() {
        return (command, environment) -> {
            ProcessBuilder process = new ProcessBuilder(command).inheritIO();
            process.environment().putAll(environment);
            return process.start().waitFor();
        };
    }

}
