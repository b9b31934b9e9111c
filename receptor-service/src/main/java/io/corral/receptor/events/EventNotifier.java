package io.corral.receptor.events;

import io.corral.support.Threads;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells the replicas that events were committed, outside the transactions that wrote
 * them. PostgreSQL serialises the commits of every transaction that notified on one
 * database-wide lock, so writers only {@link #signal}; one thread,
 * {@code event-notifier}, wakes this replica's {@link EventFanout} at once and sends one
 * {@code pg_notify} for all the signals that came since its last, on a connection it
 * borrows for that statement, naming this replica so that its own listener ignores it. A
 * notification that is never sent (the database is unreachable, the replica stops right
 * after a commit) only delays the other replicas until their next poll of the outbox.
 */
@Component
public class EventNotifier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventNotifier.class);

    private static final String NOTIFY = "SELECT pg_notify('" + EventPublisher.CHANNEL + "', ?)";

    private final DataSource dataSource;

    private final EventFanout fanout;

    // Guarded by this.
    private boolean signalled;

    private volatile boolean running;

    private Thread notifier;

    public EventNotifier(DataSource dataSource, EventFanout fanout) {
        this.dataSource = dataSource;
        this.fanout = fanout;
    }

    /** Events were committed: every replica should read the outbox. Never blocks. */
    public void signal() {
        fanout.wake();
        synchronized (this) {
            signalled = true;
            notifyAll();
        }
    }

    @Override
    public void start() {
        running = true;
        notifier = Threads.daemon("event-notifier").newThread(this::run);
        notifier.start();
    }

    @Override
    public void stop() {
        running = false;
        notifier.interrupt();
        try {
            notifier.join(5_000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Down only after the web server: a request that commits while it drains still
     * notifies.
     */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
    }

    private void run() {
        while (running) {
            try {
                awaitSignal();
            }
            catch (InterruptedException e) {
                return;
            }
            notifyReplicas();
        }
    }

    private synchronized void awaitSignal() throws InterruptedException {
        while (!signalled) {
            wait();
        }
        signalled = false;
    }

    private void notifyReplicas() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(NOTIFY)) {
            statement.setString(1, fanout.replica());
            statement.execute();
        }
        catch (SQLException e) {
            log.debug("could not notify the other replicas of new events; they read them at their next poll", e);
        }
    }

}
