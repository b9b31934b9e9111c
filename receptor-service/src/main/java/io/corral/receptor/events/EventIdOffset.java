package io.corral.receptor.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps event ids increasing when the database moves. Ids follow transaction ids, and a
 * database restored from a logical dump, or migrated to another PostgreSQL cluster,
 * numbers its transactions anew, often below the ones in the stored event ids: new events
 * would sort below events already handed out, and clients resuming from those would never
 * get them. So an event id is {@code (transaction id + xid_offset) << 24 + place}, with
 * {@code xid_offset} from the one-row table {@code event_id_offset}, and the
 * {@link EventHorizon} adds the same offset.
 *
 * <p>
 * At start-up, before anything writes, the offset is raised when the newest stored event
 * is not below what the next transaction would write, so that the next event id is above
 * it. While the receptor runs on one database the offset never changes: every stored
 * event is then below the next transaction's ids.
 */
@Component
class EventIdOffset implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(EventIdOffset.class);

    /*
     * The snapshot's xmax is at or below the next transaction id, so every later
     * transaction writes above the newest stored event. Greatest-wins, so replicas
     * starting together agree.
     */
    private static final String RAISE = """
            WITH stored AS (SELECT max(id) AS newest FROM events),
                 upcoming AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xid)
            UPDATE event_id_offset
            SET xid_offset = (stored.newest >> %1$d) + 1 - upcoming.xid
            FROM stored, upcoming
            WHERE stored.newest >> %1$d >= upcoming.xid + xid_offset
            RETURNING xid_offset, stored.newest, upcoming.xid""".formatted(EventPublisher.TRANSACTION_SHIFT);

    private final JdbcTemplate jdbc;

    EventIdOffset(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        jdbc.query(RAISE, rs -> {
            log.info(
                    "the newest stored event id {} is not below the ids transaction {} of this database would "
                            + "write (was the database restored or moved?): event ids now add {} to the transaction id",
                    rs.getLong("newest"), rs.getLong("xid"), rs.getLong("xid_offset"));
        });
    }

}
