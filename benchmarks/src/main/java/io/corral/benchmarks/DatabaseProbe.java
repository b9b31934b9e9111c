package io.corral.benchmarks;

import io.corral.support.Threads;
import io.corral.support.db.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches the benchmark's database from the server's own statistics, through connections
 * to the maintenance database so that watching adds no transactions to the one watched.
 */
final class DatabaseProbe {

    /**
     * A backend reports its counts to pg_stat_database at most once a second, and an idle
     * one within 10 s (PostgreSQL 15's PGSTAT_IDLE_INTERVAL); waiting this long after a
     * phase catches them all.
     */
    private static final Duration STATS_SETTLE = Duration.ofSeconds(11);

    private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);

    /**
     * What a session is doing: on CPU, waiting on an event, or idle inside a transaction
     * (on the receptor).
     */
    private static final String SESSION_STATE = """
            CASE WHEN a.state = 'idle in transaction' THEN 'IdleInTransaction'
                 WHEN a.wait_event IS NULL THEN 'CPU'
                 ELSE a.wait_event_type || ':' || a.wait_event END""";

    private static final String SESSIONS = "SELECT " + SESSION_STATE + """
            , count(*) FROM pg_stat_activity a
            WHERE a.datname = ? AND a.state IN ('active', 'idle in transaction') AND a.pid <> pg_backend_pid()
            GROUP BY 1""";

    private final PostgresServer server;

    private final String database;

    /**
     * Where the WAL stands and how many checkpoints started: the view differs by version.
     */
    private final String walQuery;

    DatabaseProbe(PostgresServer server, String database) {
        this.server = server;
        this.database = database;
        this.walQuery = "SELECT pg_current_wal_lsn() - '0/0', "
                + (serverVersionNumber() >= 170_000 ? "num_timed + num_requested FROM pg_stat_checkpointer"
                        : "checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter");
    }

    /** Committed transactions and written rows so far. */
    record Counters(long commits, long rollbacks, long inserted, long updated, long deleted) {

        Counters minus(Counters earlier) {
            return new Counters(commits - earlier.commits, rollbacks - earlier.rollbacks, inserted - earlier.inserted,
                    updated - earlier.updated, deleted - earlier.deleted);
        }
    }

    /** Where the server's WAL stands, and how many checkpoints it has started. */
    record Wal(long position, long checkpoints) {

        Wal minus(Wal earlier) {
            return new Wal(position - earlier.position, checkpoints - earlier.checkpoints);
        }
    }

    /**
     * Writes every dirty buffer now. A checkpoint that starts during a measurement (every
     * 5 minutes, or after some hundreds of MB of WAL, by the server's defaults) makes the
     * first change of each page after it write the whole page into the WAL, so each
     * measurement starts right after one instead: the same state for each, and none
     * starting while it runs (docs/performance.md).
     */
    void checkpoint() {
        server.execute("CHECKPOINT");
    }

    /**
     * Vacuums and analyzes the database watched, as pgbench does its own tables before it
     * runs, and as autovacuum keeps a production database: each phase starts without the
     * dead rows of the phases before it, on tables the planner has statistics of. The
     * machines this runs on have autovacuum turned off. It takes a transaction or two for
     * each table, the catalogs' too, and writes the statistics' rows: take the counters
     * for a phase after it.
     */
    void vacuum() {
        try (Connection connection = connect(database)) {
            connection.createStatement().execute("VACUUM ANALYZE");
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot vacuum " + database, e);
        }
    }

    Wal wal() {
        try (Connection connection = connect(); ResultSet row = connection.createStatement().executeQuery(walQuery)) {
            row.next();
            return new Wal(row.getLong(1), row.getLong(2));
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot read the WAL's position", e);
        }
    }

    private int serverVersionNumber() {
        return Integer.parseInt(queryForString("SELECT current_setting('server_version_num')"));
    }

    String serverVersion() {
        return queryForString("SELECT current_setting('server_version')");
    }

    String synchronousCommit() {
        return queryForString("SELECT current_setting('synchronous_commit')");
    }

    /** The counters once every backend has reported what it did until now. */
    Counters settledCounters() {
        sleep(STATS_SETTLE);
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement("""
                SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted
                FROM pg_stat_database WHERE datname = ?""")) {
            query.setString(1, database);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new Counters(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5));
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_database", e);
        }
    }

    /**
     * Samples what the database's sessions are doing until closed: the average number of
     * sessions on CPU, waiting on each wait event, or idle inside a transaction (waiting
     * for the receptor).
     */
    WaitSampler sampleWaits() {
        return new WaitSampler();
    }

    final class WaitSampler implements AutoCloseable {

        private final Map<String, Long> counts = new TreeMap<>();

        private final AtomicBoolean running = new AtomicBoolean(true);

        private final Thread thread;

        private long samples;

        private WaitSampler() {
            thread = Threads.daemon("db-wait-sampler").newThread(this::run);
            thread.start();
        }

        private void run() {
            try (Connection connection = connect();
                    PreparedStatement sessions = connection.prepareStatement(SESSIONS)) {
                sessions.setString(1, database);
                while (running.get()) {
                    record(sessions);
                    sleep(SAMPLE_EVERY);
                }
            }
            catch (SQLException e) {
                throw new IllegalStateException("cannot sample pg_stat_activity", e);
            }
        }

        private void record(PreparedStatement sessions) throws SQLException {
            try (ResultSet active = sessions.executeQuery()) {
                synchronized (counts) {
                    samples++;
                    while (active.next()) {
                        counts.merge(active.getString(1), active.getLong(2), Long::sum);
                    }
                }
            }
        }

        /** Average sessions in each state over the samples taken. */
        Map<String, Double> averageSessions() {
            synchronized (counts) {
                return averages(counts);
            }
        }

        private Map<String, Double> averages(Map<String, Long> totals) {
            Map<String, Double> average = new TreeMap<>();
            totals.forEach((what, count) -> average.put(what, Math.round(100.0 * count / samples) / 100.0));
            return average;
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

    }

    private String queryForString(String sql) {
        try (Connection connection = connect(); ResultSet row = connection.createStatement().executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
        catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }

    private Connection connect() throws SQLException {
        return connect("postgres");
    }

    private Connection connect(String name) throws SQLException {
        return DriverManager.getConnection(server.url(name), server.user(), server.password());
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

}
