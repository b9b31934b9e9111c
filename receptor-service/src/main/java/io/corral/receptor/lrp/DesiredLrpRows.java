package io.corral.receptor.lrp;

import io.corral.receptor.api.DesiredLrp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A new desired LRP written as a plain row: as a Spring Data native query, creating and
 * binding the query cost more than the statement itself, over a third of a desire's CPU
 * (docs/performance.md).
 */
@Component
class DesiredLrpRows {

    private static final String INSERT_IF_ABSENT = """
            INSERT INTO desired_lrps (process_guid, domain, instances, space_guid, app_guid, definition,
                modification_epoch, modification_index, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
            ON CONFLICT (process_guid) DO NOTHING
            """;

    private final JdbcTemplate jdbc;

    DesiredLrpRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores {@code desired}, as {@code definition}, at modification index 0, unless its
     * process guid is taken: whether it was stored. One statement, and a taken guid is no
     * error in the transaction.
     */
    boolean insertIfAbsent(DesiredLrp desired, String definition, String modificationEpoch, Instant createdAt) {
        OffsetDateTime at = createdAt.atOffset(ZoneOffset.UTC);
        return jdbc.update(INSERT_IF_ABSENT, desired.processGuid(), desired.domain(), desired.instances(),
                desired.spaceGuid(), desired.appGuid(), definition, modificationEpoch, at, at) == 1;
    }

}
