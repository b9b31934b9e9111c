package io.corral.cell.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts each process as the leader of a new session and process group ({@code setsid}),
 * so that stopping it reaches everything it started; a shell moves it into its cgroup
 * first, where it has one, so that the program and all it starts count against the limit;
 * {@code runuser} switches the user where {@link UserSwitch} allows it; every signal
 * starts with its default action ({@link DefaultSignals}). It appends its output to the
 * instance's log files itself, so it does not depend on the agent reading it.
 */
public final class OsProcessStarter implements ProcessStarter {

    /** Where hosts keep {@code runuser}: the processes' own PATH does not reach sbin. */
    private static final List<Path> RUNUSER = List.of(Path.of("/usr/sbin/runuser"), Path.of("/sbin/runuser"),
            Path.of("/usr/bin/runuser"));

    private final String runuser = RUNUSER.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .map(Path::toString)
        .orElse("runuser");

    @Override
    public StartedProcess start(Command command) throws IOException {
        List<String> program = new ArrayList<>();
        if (command.cgroup() != null) {
            program.addAll(List.of("/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"",
                    command.cgroup().resolve("cgroup.procs").toString()));
        }
        if (command.user() != null) {
            program.addAll(List.of(runuser, "-u", command.user(), "--"));
        }
        program.add(command.path());
        program.addAll(command.args());
        List<String> line = new ArrayList<>(List.of("setsid"));
        line.addAll(DefaultSignals.of(program));
        ProcessBuilder builder = new ProcessBuilder(line).directory(command.directory().toFile());
        builder.environment().clear();
        builder.environment().putAll(command.environment());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(command.logs().stdout().toFile()))
            .redirectError(ProcessBuilder.Redirect.appendTo(command.logs().stderr().toFile()));
        return new GroupLeader(builder.start());
    }

    /**
     * {@code setsid} execs the program in place (Java's child is no group leader), so the
     * process's pid is its group's id.
     */
    private record GroupLeader(Process process) implements StartedProcess {

        @Override
        public int waitFor() throws InterruptedException {
            return process.waitFor();
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void terminate() {
            signalGroup("TERM");
        }

        @Override
        public void kill() {
            signalGroup("KILL");
        }

        private void signalGroup(String signal) {
            try {
                new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
            }
            catch (IOException e) {
                process.destroyForcibly();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }

    }

}
