package io.corral.cell.process;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A process starter that starts nothing: a program {@code exit-N} ends at once with
 * status N, {@code hang} runs until it is signalled. It remembers every command and every
 * signal.
 */
final class FakeProcesses implements ProcessStarter {

    final List<Command> started = new CopyOnWriteArrayList<>();

    final List<String> signals = new CopyOnWriteArrayList<>();

    @Override
    public StartedProcess start(Command command) {
        started.add(command);
        if (command.path().startsWith("exit-")) {
            return new Fake(command.path(), Integer.parseInt(command.path().substring(5)));
        }
        return new Fake(command.path(), -1);
    }

    List<String> paths() {
        return started.stream().map(Command::path).toList();
    }

    private final class Fake implements StartedProcess {

        private final String path;

        private final CountDownLatch ended = new CountDownLatch(1);

        private volatile int status;

        Fake(String path, int status) {
            this.path = path;
            this.status = status;
            if (status >= 0) {
                ended.countDown();
            }
        }

        @Override
        public int waitFor() throws InterruptedException {
            ended.await();
            return status;
        }

        @Override
        public boolean isAlive() {
            return ended.getCount() > 0;
        }

        @Override
        public void terminate() {
            signal("TERM", 143);
        }

        @Override
        public void kill() {
            signal("KILL", 137);
        }

        private synchronized void signal(String signal, int exitStatus) {
            signals.add(signal + " " + path);
            if (isAlive()) {
                status = exitStatus;
                ended.countDown();
            }
        }

    }

}
