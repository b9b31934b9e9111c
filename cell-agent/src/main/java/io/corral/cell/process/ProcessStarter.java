package io.corral.cell.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Starts the process of a {@code run} action. */
public interface ProcessStarter {

    StartedProcess start(Command command) throws IOException;

    /**
     * @param path the program (relative ones are looked up in {@code directory})
     * @param environment the whole environment the process gets
     * @param user the user to run as, or null for the agent's own
     * @param logs where its stdout and stderr go
     * @param cgroup the cgroup it joins before the program runs, or null
     */
    record Command(String path, List<String> args, Map<String, String> environment, Path directory, String user,
            InstanceLogs logs, Path cgroup) {

        public Command {
            args = List.copyOf(args);
            environment = Map.copyOf(environment);
        }

    }

    /** A started process, and the process group it leads. */
    interface StartedProcess {

        /** Waits for it to end and answers its exit status (128 + n for signal n). */
        int waitFor() throws InterruptedException;

        boolean isAlive();

        /** Asks its process group to end (SIGTERM). */
        void terminate();

        /** Ends its process group at once (SIGKILL). */
        void kill();

    }

}
