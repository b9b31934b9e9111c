package io.corral.cell.process;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a process with every signal's default action, as sshd and container runtimes
 * start theirs. A signal the agent was started ignoring (nohup's HUP, INT and QUIT for a
 * background job of a script) stays ignored through {@code exec}, and a shell cannot even
 * trap a signal ignored when it started: an SSH client's signal request or a Ctrl-C in a
 * session would do nothing. The JVM cannot stop ignoring such a signal itself, so the
 * process is started through {@code env --default-signal} (coreutils 8.31 and later); on
 * a host whose {@code env} lacks it, processes start as before and the agent says so
 * once.
 */
public final class DefaultSignals {

    private static final Logger log = LoggerFactory.getLogger(DefaultSignals.class);

    private static final List<String> RESET = List.of("/usr/bin/env", "--default-signal");

    private static final List<String> PREFIX = resetWorks() ? RESET : List.of();

    private DefaultSignals() {
    }

    /**
     * {@code commandLine} started with every signal's default action where the host can.
     */
    public static List<String> of(List<String> commandLine) {
        List<String> line = new ArrayList<>(PREFIX);
        line.addAll(commandLine);
        return line;
    }

    private static boolean resetWorks() {
        List<String> probe = new ArrayList<>(RESET);
        probe.add("true");
        try {
            Process process = new ProcessBuilder(probe).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            if (process.waitFor() == 0) {
                return true;
            }
        }
        catch (IOException e) {
            // no /usr/bin/env: said below
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.warn("/usr/bin/env --default-signal does not work here (coreutils 8.31 or later has it): processes "
                + "the agent starts inherit every signal the agent was started ignoring, e.g. nohup's HUP");
        return false;
    }

}
