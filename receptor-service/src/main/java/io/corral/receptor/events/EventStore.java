package io.corral.receptor.events;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads and trims the {@code events} outbox that {@link EventPublisher} writes. Reads see
 * only events below the {@link EventHorizon}, which no later commit can add to.
 */
@Repository
public class EventStore {

    private final JdbcTemplate jdbc;

    private final EventHorizon horizon;

    public EventStore(JdbcTemplate jdbc, EventHorizon horizon) {
        this.jdbc = jdbc;
        this.horizon = horizon;
    }

    /** Up to {@code limit} events with an id above {@code afterId}, oldest first. */
    public List<StoredEvent> after(long afterId, int limit) {
        long below = horizon.current();
        return jdbc.query(
                """
                        SELECT id, type, data, (extract(epoch FROM clock_timestamp() - created_at) * 1000000)::bigint AS since_us
                        FROM events WHERE id > ? AND id < ? ORDER BY id LIMIT ?""",
                (rs, row) -> new StoredEvent(rs.getLong("id"), rs.getString("type"), rs.getString("data"),
                        Duration.of(rs.getLong("since_us"), ChronoUnit.MICROS)),
                afterId, below, limit);
    }

    /**
     * Where a reader starting now begins: every event at or below it is readable now, and
     * every event still to come is above it.
     */
    public long latestId() {
        long below = horizon.current();
        return jdbc.queryForObject("SELECT greatest(coalesce(max(id), 0), ? - 1) FROM events WHERE id < ?", Long.class,
                below, below);
    }

    /** The id of the oldest event still kept. */
    public OptionalLong oldestId() {
        Long oldest = jdbc.queryForObject("SELECT min(id) FROM events", Long.class);
        return oldest == null ? OptionalLong.empty() : OptionalLong.of(oldest);
    }

    /**
     * Deletes the events written before {@code cutoff}, always as a prefix of the ids (an
     * event goes only with every event before it) and never the newest: the oldest id
     * kept then tells a resuming client whether it missed anything, and the newest id is
     * never forgotten.
     */
    public int deleteWrittenBefore(Instant cutoff) {
        return jdbc.update("""
                DELETE FROM events
                WHERE id <= (SELECT max(id) FROM events WHERE created_at < ?)
                  AND id < (SELECT max(id) FROM events)""", Timestamp.from(cutoff));
    }

}
