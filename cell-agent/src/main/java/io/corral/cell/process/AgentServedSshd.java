package io.corral.cell.process;

import io.corral.cell.container.DiegoSshd;
import io.corral.cell.process.ProcessStarter.StartedProcess;
import java.util.concurrent.CountDownLatch;

/**
 * The run of {@link DiegoSshd}, which a Cloud Controller puts beside the app in a
 * {@code codependent} action. This agent serves the instance's SSH itself (its instance
 * hook, with the keys of that run's arguments), so the run starts no process: it lasts,
 * as the daemon would, until its branch is ended.
 */
final class AgentServedSshd implements StartedProcess {

    /** The status a daemon ended by SIGTERM answers. */
    private static final int TERMINATED = 128 + 15;

    private final CountDownLatch ended = new CountDownLatch(1);

    @Override
    public int waitFor() throws InterruptedException {
        ended.await();
        return TERMINATED;
    }

    @Override
    public boolean isAlive() {
        return ended.getCount() > 0;
    }

    @Override
    public void terminate() {
        ended.countDown();
    }

    @Override
    public void kill() {
        ended.countDown();
    }

}
