package io.corral.receptor.lrp;

import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.events.EventPublisher;
import io.corral.receptor.events.OutboxEvent;
import io.corral.receptor.lrp.InstanceBatchRows.Instance;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A new desired LRP written as a plain row, with its instances and their events, in one
 * statement: its own transaction, one round trip to the database where a transaction of
 * three inserts took four (docs/performance.md). As a Spring Data native query, creating
 * and binding the query cost more than the statement itself.
 */
@Component
class DesiredLrpRows {

    private static final String DESIRED = "EXISTS (SELECT 1 FROM desired)";

    private static final String INSERT_IF_ABSENT = """
            WITH desired AS (
                INSERT INTO desired_lrps (process_guid, domain, instances, space_guid, app_guid, definition,
                    modification_epoch, modification_index, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, now(), now())
                ON CONFLICT (process_guid) DO NOTHING
                RETURNING process_guid),
            instances AS (%s),
            written_events AS (%s)
            SELECT count(*) FROM desired
            """.formatted(InstanceBatchRows.insertWhere(DESIRED), EventPublisher.insertWhere(DESIRED));

    private final JdbcTemplate jdbc;

    DesiredLrpRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores {@code desired}, as {@code definition}, at modification index 0 and the
     * database's time (binding a time went through a calendar, 3.9% of a desire's request
     * CPU: docs/performance.md), with {@code instances} and {@code events}, unless its
     * process guid is taken: whether it was stored. A taken guid writes nothing and is no
     * error in the statement.
     */
    boolean insertIfAbsent(DesiredLrp desired, String definition, String modificationEpoch, List<Instance> instances,
            List<OutboxEvent> events) {
        Boolean stored = jdbc.query(INSERT_IF_ABSENT, statement -> {
            statement.setString(1, desired.processGuid());
            statement.setString(2, desired.domain());
            statement.setInt(3, desired.instances());
            statement.setString(4, desired.spaceGuid());
            statement.setString(5, desired.appGuid());
            statement.setString(6, definition);
            statement.setString(7, modificationEpoch);
            EventPublisher.bind(statement, InstanceBatchRows.bindInserted(statement, 8, instances), events);
        }, row -> row.next() && row.getInt(1) == 1);
        return Boolean.TRUE.equals(stored);
    }

}
