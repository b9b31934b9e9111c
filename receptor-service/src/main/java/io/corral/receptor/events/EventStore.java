package io.corral.receptor.events;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads and trims the {@code events} outbox that {@link EventPublisher} writes. Reads see only
 * events below the horizon: those of transactions older than every transaction still running,
 * which no later commit can add to.
 */
@Repository
public class EventStore {

    private static final String HORIZON = "(pg_snapshot_xmin(pg_current_snapshot())::text::bigint << "
            + EventPublisher.TRANSACTION_SHIFT + ")";

    private final JdbcTemplate jdbc;

    public EventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} events with an id above {@code afterId}, oldest first. */
    public List<StoredEvent> after(long afterId, int limit) {
        return jdbc.query("SELECT id, type, data FROM events WHERE id > ? AND id < " + HORIZON
                        + " ORDER BY id LIMIT ?",
                (rs, row) -> new StoredEvent(rs.getLong("id"), rs.getString("type"), rs.getString("data")),
                afterId, limit);
    }

    /**
     * Where a reader starting now begins: every event at or below it is readable now, and every
     * event still to come is above it.
     */
    public long latestId() {
        return jdbc.queryForObject("SELECT greatest(coalesce(max(id), 0), " + HORIZON + " - 1) FROM events WHERE id < "
                + HORIZON, Long.class);
    }

    /** The id of the oldest event still kept. */
    public OptionalLong oldestId() {
        Long oldest = jdbc.queryForObject("SELECT min(id) FROM events", Long.class);
        return oldest == null ? OptionalLong.empty() : OptionalLong.of(oldest);
    }

    /**
     * Deletes the events written before {@code cutoff}, always as a prefix of the ids (an event
     * goes only with every event before it) and never the newest: the oldest id kept then tells a
     * resuming client whether it missed anything, and the newest id is never forgotten.
     */
    public int deleteWrittenBefore(Instant cutoff) {
        return jdbc.update("""
                DELETE FROM events
                WHERE id <= (SELECT max(id) FROM events WHERE created_at < ?)
                  AND id < (SELECT max(id) FROM events)""", Timestamp.from(cutoff));
    }
}
