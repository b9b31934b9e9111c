package io.corral.sshauth.audit;

import io.corral.receptor.client.Backoff;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The access audit: login decisions and what became of grants. A decision does not wait
 * for its row: records queue and one thread writes them in batches (one round trip for
 * many), so the audit costs the hot path a queue insert. The queue is bounded; when it is
 * full, decisions wait for room rather than go unaudited. A batch the database refused is
 * kept and written first on the next try, while the database is away. Stopping the
 * service writes what is queued.
 */
@Component
public class AccessAudit implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessAudit.class);

    private static final int BATCH = 1000;

    private static final Duration MAX_DELAY = Duration.ofMillis(100);

    /**
     * How long the writer waits after a record arrives for others to join its batch: at a
     * few thousand decisions a second, one insert of a hundred rows instead of hundreds
     * of small ones.
     */
    private static final Duration LINGER = Duration.ofMillis(50);

    private static final Backoff RETRIES = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));

    private final JdbcTemplate jdbc;

    private final BlockingQueue<AccessRecord> queue = new ArrayBlockingQueue<>(50_000);

    /** Taken from the queue, not yet written (guarded by this). */
    private List<AccessRecord> unwritten = List.of();

    /**
     * Recorded and not yet written, wherever they are: the queue, the writer, a batch.
     */
    private final AtomicLong unfinished = new AtomicLong();

    private volatile Thread writer;

    private volatile boolean running;

    public AccessAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(AccessRecord record) {
        unfinished.incrementAndGet();
        try {
            queue.put(record);
        }
        catch (InterruptedException e) {
            unfinished.decrementAndGet();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while auditing", e);
        }
    }

    /**
     * The whole audit: entries below {@code beforeId} (all when null), newest first. A
     * record appears once its batch is written, within about 100 ms of the event.
     */
    public AccessAuditPage page(Long beforeId, int limit) {
        List<AccessAuditEntry> entries = jdbc.query("""
                select id, at, username, user_id, user_name, client_address, process_guid, instance_guid,
                    instance_index, outcome, grant_id
                from ssh_access_audit where id < ? order by id desc limit ?""",
                (rs, n) -> new AccessAuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("username"), rs.getString("user_id"), rs.getString("user_name"),
                        rs.getString("client_address"), rs.getString("process_guid"), rs.getString("instance_guid"),
                        rs.getObject("instance_index", Integer.class), rs.getString("outcome"),
                        rs.getObject("grant_id", UUID.class)),
                beforeId == null ? Long.MAX_VALUE : beforeId, limit);
        Long next = entries.size() < limit ? null : entries.get(entries.size() - 1).id();
        return new AccessAuditPage(entries, next);
    }

    /** Waits until what was recorded so far is written (tests, shutdown). */
    public void flush() {
        while (unfinished.get() > 0) {
            if (!writeBatch()) {
                // The writer has taken a record from the queue and not yet held it.
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::run, "ssh-access-audit");
        thread.setDaemon(true);
        thread.start();
        writer = thread;
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = writer;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            flush();
        }
        catch (RuntimeException e) {
            log.error("{} SSH access audit records could not be written before stopping: {}", unfinished.get(),
                    e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops after the web server (whose requests record, phases DEFAULT_PHASE - 1024 and
     * - 2048) and before the data source closes.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void run() {
        Duration retry = RETRIES.initial();
        while (running) {
            try {
                AccessRecord first = waiting() > 0 ? null : queue.poll(MAX_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    hold(first);
                    Thread.sleep(LINGER.toMillis());
                }
                writeBatch();
                retry = RETRIES.initial();
            }
            catch (InterruptedException e) {
                return;
            }
            catch (RuntimeException e) {
                log.warn("could not write the SSH access audit ({} records waiting), retrying in {}: {}", waiting(),
                        retry, e.getMessage());
                if (!pause(retry)) {
                    return;
                }
                retry = RETRIES.after(retry);
            }
        }
    }

    private synchronized void hold(AccessRecord record) {
        List<AccessRecord> held = new ArrayList<>(unwritten);
        held.add(record);
        unwritten = held;
    }

    /**
     * Writes what is unwritten and what else is queued, up to a batch; false when there
     * was nothing.
     */
    private synchronized boolean writeBatch() {
        List<AccessRecord> batch = new ArrayList<>(unwritten);
        queue.drainTo(batch, Math.max(0, BATCH - batch.size()));
        if (batch.isEmpty()) {
            return false;
        }
        unwritten = batch;
        write(batch);
        unwritten = List.of();
        unfinished.addAndGet(-batch.size());
        return true;
    }

    private synchronized int waiting() {
        return unwritten.size();
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        }
        catch (InterruptedException e) {
            return false;
        }
    }

    private void write(List<AccessRecord> batch) {
        jdbc.batchUpdate("""
                insert into ssh_access_audit (at, username, user_id, user_name, client_address, process_guid,
                    instance_guid, instance_index, outcome, grant_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch,
                batch.size(), (ps, r) -> {
                    ps.setTimestamp(1, Timestamp.from(r.at()));
                    ps.setString(2, r.username());
                    ps.setString(3, r.userId());
                    ps.setString(4, r.userName());
                    ps.setString(5, r.clientAddress());
                    ps.setString(6, r.processGuid());
                    ps.setString(7, r.instanceGuid());
                    ps.setObject(8, r.index());
                    ps.setString(9, r.outcome());
                    ps.setObject(10, r.grantId());
                });
    }

}
