package io.corral.sshauth.audit;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The access audit. A login does not wait for its row: records queue and one thread
 * writes them in batches (one round trip for many logins), so the audit costs the hot
 * path a queue insert. The queue is bounded; when it is full, logins wait for room rather
 * than go unaudited. Stopping the service writes what is queued.
 */
@Component
public class AccessAudit implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessAudit.class);

    private static final int BATCH = 1000;

    private static final Duration MAX_DELAY = Duration.ofMillis(100);

    private final JdbcTemplate jdbc;

    private final BlockingQueue<AccessRecord> queue = new ArrayBlockingQueue<>(50_000);

    private volatile Thread writer;

    private volatile boolean running;

    public AccessAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(AccessRecord record) {
        try {
            queue.put(record);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while auditing", e);
        }
    }

    /** Waits until what was recorded so far is written (tests, shutdown). */
    public void flush() {
        while (!queue.isEmpty()) {
            writeBatch();
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
        flush();
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
        while (running) {
            try {
                AccessRecord first = queue.poll(MAX_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    write(drainAfter(first));
                }
            }
            catch (InterruptedException e) {
                return;
            }
            catch (RuntimeException e) {
                log.error("could not write the SSH access audit; retrying", e);
            }
        }
    }

    private synchronized void writeBatch() {
        AccessRecord first = queue.poll();
        if (first != null) {
            write(drainAfter(first));
        }
    }

    private List<AccessRecord> drainAfter(AccessRecord first) {
        List<AccessRecord> batch = new ArrayList<>(Math.min(BATCH, queue.size() + 1));
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        return batch;
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
