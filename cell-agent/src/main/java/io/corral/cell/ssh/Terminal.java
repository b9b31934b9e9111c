package io.corral.cell.ssh;

import java.util.Map;
import java.util.Optional;
import org.apache.sshd.server.Environment;

/**
 * The terminal a client asked for with {@code pty-req} ({@code ssh -t}, or a shell from
 * an interactive {@code ssh}): its type and size.
 *
 * @param type the client's {@code TERM}
 * @param columns width in characters
 * @param rows height in lines
 */
record Terminal(String type, int columns, int rows) {

    private static final int MAX_SIZE = 10_000;

    /** The terminal the channel asked for; empty when it asked for none. */
    static Optional<Terminal> of(Environment environment) {
        Map<String, String> variables = environment.getEnv();
        if (environment.getPtyModes().isEmpty() && !variables.containsKey(Environment.ENV_COLUMNS)) {
            return Optional.empty();
        }
        return Optional.of(new Terminal(variables.getOrDefault(Environment.ENV_TERM, "xterm"),
                size(variables.get(Environment.ENV_COLUMNS), 80), size(variables.get(Environment.ENV_LINES), 24)));
    }

    /** The same terminal, resized to what the client's latest window-change says. */
    Terminal resizedTo(Environment environment) {
        Map<String, String> variables = environment.getEnv();
        return new Terminal(type, size(variables.get(Environment.ENV_COLUMNS), columns),
                size(variables.get(Environment.ENV_LINES), rows));
    }

    private static int size(String value, int fallback) {
        try {
            int size = Integer.parseInt(value);
            return size > 0 && size <= MAX_SIZE ? size : fallback;
        }
        catch (NumberFormatException e) {
            return fallback;
        }
    }

}
