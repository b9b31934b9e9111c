package io.corral.receptor.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The id below which every event is final: no transaction that is still running, or
 * starts later, can write an event below it. {@link EventStore} reads only below the
 * horizon.
 *
 * <p>
 * It is the lowest transaction id among the write transactions of the receptor's
 * connections (its database and application name) that are still running, or else the
 * next transaction id; plus {@link EventIdOffset}, shifted like an event id. Transactions
 * of other databases and other applications (an operator's {@code psql}) never hold it
 * back. It is computed in a statement of its own, before the statement that reads below
 * it, so a transaction that ends between the two is visible to the read; and outside any
 * transaction, since a transaction reads pg_stat_activity only once.
 *
 * <p>
 * A receptor write transaction open longer than
 * {@code corral.events.max-write-transaction} is logged and ended
 * ({@code pg_terminate_backend}), so it can never commit and the horizon moves on once it
 * is gone. It is never skipped while it runs: had it committed later, its events would
 * sit below ids already handed out.
 */
@Component
public class EventHorizon {

    private static final Logger log = LoggerFactory.getLogger(EventHorizon.class);

    /*
     * pg_current_snapshot() is the statement's snapshot, taken before pg_stat_activity is
     * read: every transaction id below its xmax had been handed out by then, so one of
     * them still running once pg_stat_activity is read shows there with its backend_xid.
     * Transaction ids handed out later are at or above xmax. backend_xid and
     * application_name are shown to every role.
     */
    private static final String WRITERS = """
            SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS next_xid,
                   (SELECT xid_offset FROM event_id_offset) AS xid_offset,
                   a.pid, a.application_name, a.backend_xid::text::bigint AS xid,
                   (extract(epoch FROM clock_timestamp() - a.xact_start) * 1000)::bigint AS age_millis
            FROM (SELECT 1) one
            LEFT JOIN pg_stat_activity a
                   ON a.datname = current_database()
                  AND a.application_name = current_setting('application_name')
                  AND a.backend_xid IS NOT NULL""";

    private final JdbcTemplate jdbc;

    private final EventProperties properties;

    // Guarded by this: the transaction ids of the writers already ended, so each is
    // logged once.
    private final Set<Long> ended = new HashSet<>();

    public EventHorizon(JdbcTemplate jdbc, EventProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Every event with an id below the returned one is final; it never goes down. */
    public long current() {
        // Prepared, so PostgreSQL plans the pg_stat_activity view once per connection;
        // as a plain statement it was planned at every outbox read, about 1 ms of the
        // server's CPU against 0.07 ms to run it (docs/performance.md).
        Writers writers = jdbc.query(connection -> connection.prepareStatement(WRITERS), EventHorizon::writers);
        endOverdue(writers.running());
        return writers.horizon();
    }

    /**
     * A 32-bit {@code backend_xid} as a full transaction id: the one nearest
     * {@code next}. A running transaction's id is never 2^31 or more away from the next
     * one (PostgreSQL's wraparound guard).
     */
    static long fullXid(long next, long xid) {
        return next - (int) (next - xid);
    }

    private static Writers writers(ResultSet rs) throws SQLException {
        rs.next();
        long next = rs.getLong("next_xid");
        long offset = rs.getLong("xid_offset");
        List<Writer> running = new ArrayList<>();
        do {
            if (rs.getObject("pid") != null) {
                // The age is null when this role may not see the transaction's start: it
                // could not end it either.
                long ageMillis = rs.getLong("age_millis");
                running.add(new Writer(rs.getInt("pid"), rs.getString("application_name"),
                        fullXid(next, rs.getLong("xid")), rs.wasNull() ? null : Duration.ofMillis(ageMillis)));
            }
        }
        while (rs.next());
        return new Writers(next, offset, running);
    }

    private synchronized void endOverdue(List<Writer> running) {
        ended.retainAll(running.stream().map(Writer::xid).collect(Collectors.toSet()));
        for (Writer writer : running) {
            if (writer.age() != null && writer.age().compareTo(properties.maxWriteTransaction()) > 0
                    && ended.add(writer.xid())) {
                end(writer);
            }
        }
    }

    private void end(Writer writer) {
        log.warn(
                "ending the write transaction of pid {} (application_name '{}'): open for {}, longer than "
                        + "corral.events.max-write-transaction {}; it holds back the event stream and will not commit",
                writer.pid(), writer.applicationName(), writer.age(), properties.maxWriteTransaction());
        try {
            jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, writer.pid());
        }
        catch (DataAccessException e) {
            log.warn("could not end pid {}: the event stream waits until its transaction ends", writer.pid(), e);
        }
    }

    /** One write transaction of the receptor's connections, still running. */
    private record Writer(int pid, String applicationName, long xid, Duration age) {
    }

    private record Writers(long nextXid, long xidOffset, List<Writer> running) {

        long horizon() {
            long oldest = running.stream().mapToLong(Writer::xid).min().orElse(nextXid);
            return (Math.min(oldest, nextXid) + xidOffset) << EventPublisher.TRANSACTION_SHIFT;
        }
    }

}
