package io.corral.receptor.events;

import com.zaxxer.hikari.HikariDataSource;
import io.corral.receptor.client.Backoff;
import io.corral.support.Threads;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one reader of the outbox on this replica: it reads the new events when woken (by
 * {@link EventNotifier} after a commit on this replica, or by a notification from another
 * replica on its {@code LISTEN} connection, its own ignored) and every poll interval in
 * case a notification was lost or never sent, and hands them, in id order, to every
 * subscriber. Timer {@code corral.events.lag}: how long each event waited, from the start
 * of the transaction that wrote it to this read (a write transaction holding the horizon
 * back, a lost notification, an unreachable database all show here).
 */
@Component
public class EventFanout implements SmartLifecycle {

    /**
     * Receives the events read after it subscribed, in id order, on the reader thread:
     * must not block.
     */
    public interface Subscriber {

        void deliver(List<StoredEvent> events);

    }

    private static final Logger log = LoggerFactory.getLogger(EventFanout.class);

    private static final Backoff RETRIES = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));

    private final DataSource dataSource;

    private final EventStore store;

    private final EventProperties properties;

    private final Timer lag;

    private final String replica = UUID.randomUUID().toString();

    // Guarded by this: a subscriber added here gets every event read after it was added.
    private final Set<Subscriber> subscribers = new LinkedHashSet<>();

    private long lastSeen;

    private long startedAfter;

    private final Object wakeUp = new Object();

    // Guarded by wakeUp.
    private boolean woken;

    private volatile boolean running;

    private Thread reader;

    private Thread listenerThread;

    private Connection listener;

    public EventFanout(DataSource dataSource, EventStore store, EventProperties properties, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.store = store;
        this.properties = properties;
        this.lag = Timer.builder("corral.events.lag")
            .description(
                    "From the start of the transaction that wrote an event to this replica reading it for its streams")
            .register(meters);
    }

    public synchronized void subscribe(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    public synchronized void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    /** Subscribers see every event after this id, and none before it. */
    public synchronized long startedAfter() {
        return startedAfter;
    }

    /**
     * What this replica's notifications carry: its listener is woken by the other
     * replicas' notifications only, as its own reader is woken directly.
     */
    public String replica() {
        return replica;
    }

    /** The id of the newest event this replica has handed out. */
    public synchronized long latestEventId() {
        return lastSeen;
    }

    @Override
    public void start() {
        synchronized (this) {
            lastSeen = store.latestId();
            startedAfter = lastSeen;
        }
        running = true;
        reader = Threads.daemon("event-fanout").newThread(this::read);
        listenerThread = Threads.daemon("event-listener").newThread(this::listen);
        reader.start();
        listenerThread.start();
    }

    @Override
    public void stop() {
        running = false;
        wake();
        try {
            long waitMillis = properties.pollInterval().plus(Duration.ofSeconds(5)).toMillis();
            reader.join(waitMillis);
            listenerThread.join(waitMillis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** New events may be readable: read the outbox now rather than at the next poll. */
    public void wake() {
        synchronized (wakeUp) {
            woken = true;
            wakeUp.notifyAll();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Up before the web server takes requests and down after: a stream never subscribes
     * before the reader knows where the outbox stands.
     */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
    }

    private void read() {
        Duration backoff = RETRIES.initial();
        while (running) {
            awaitWake();
            try {
                readNewEvents();
                backoff = RETRIES.initial();
            }
            catch (RuntimeException e) {
                logRetry("could not read or hand out events", backoff, e);
                backoff = sleep(backoff);
            }
        }
    }

    /** Returns when woken, or after the poll interval. */
    private void awaitWake() {
        long deadline = System.nanoTime() + properties.pollInterval().toNanos();
        synchronized (wakeUp) {
            try {
                long left;
                while (!woken && running && (left = deadline - System.nanoTime()) > 0) {
                    wakeUp.wait(Math.max(1, left / 1_000_000));
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            woken = false;
        }
    }

    /** Wakes the reader on every notification from the other replicas. */
    private void listen() {
        Duration backoff = RETRIES.initial();
        while (running) {
            try {
                if (listener == null) {
                    listener = openListener();
                }
                int timeout = (int) Math.max(1, properties.pollInterval().toMillis());
                PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(timeout);
                if (notifications != null && fromAnotherReplica(notifications)) {
                    wake();
                }
                backoff = RETRIES.initial();
            }
            catch (SQLException e) {
                logRetry("lost the LISTEN connection for events", backoff, e);
                discardListener();
                backoff = sleep(backoff);
            }
        }
        closeListener();
    }

    private boolean fromAnotherReplica(PGNotification[] notifications) {
        for (PGNotification notification : notifications) {
            if (!replica.equals(notification.getParameter())) {
                return true;
            }
        }
        return false;
    }

    private Connection openListener() throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + EventPublisher.CHANNEL);
            }
            return connection;
        }
        catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private void readNewEvents() {
        List<StoredEvent> batch;
        do {
            batch = store.after(latestEventId(), properties.batchSize());
            if (!batch.isEmpty()) {
                deliver(batch);
            }
        }
        while (batch.size() == properties.batchSize());
    }

    private synchronized void deliver(List<StoredEvent> batch) {
        batch.forEach(event -> lag.record(event.sinceWritten()));
        for (Subscriber subscriber : subscribers) {
            subscriber.deliver(batch);
        }
        lastSeen = batch.get(batch.size() - 1).id();
    }

    /**
     * The first failure of a run with its stack trace, the retries after it in a line
     * each: an outage of minutes should not fill the log.
     */
    private static void logRetry(String what, Duration backoff, Exception e) {
        if (backoff.equals(RETRIES.initial())) {
            log.warn("{}, retrying in {}", what, backoff, e);
        }
        else {
            log.warn("{}, retrying in {}: {}", what, backoff, e.getMessage());
        }
    }

    /** Sleeps {@code backoff}; answers the wait after another failure. */
    private Duration sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        return RETRIES.after(backoff);
    }

    /**
     * The pool did not see the failure (it came through the unwrapped connection), so it
     * would lend the dead connection out again: evict it instead of handing it back.
     */
    private void discardListener() {
        try {
            if (listener != null && dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(listener);
                listener = null;
            }
        }
        catch (SQLException e) {
            log.debug("could not evict a broken LISTEN connection", e);
        }
        closeListener();
    }

    private void closeListener() {
        if (listener == null) {
            return;
        }
        try {
            listener.close();
        }
        catch (SQLException e) {
            log.debug("closing a broken LISTEN connection failed", e);
        }
        listener = null;
    }

}
