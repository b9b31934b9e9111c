package io.corral.receptor.events;

import static io.corral.receptor.events.EventStreamIntegrationTest.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.DesiredLrpUpdate;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.EventsLost;
import io.corral.receptor.client.RawEvent;
import io.corral.receptor.client.ReceptorEventStream;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The receptor boots on a database restored from another cluster: its outbox holds events
 * whose ids stem from transaction ids far above this server's. New events still get
 * higher ids, so they are delivered after the old ones, and a client resuming from an old
 * id gets everything after it.
 */
class EventIdsAfterMoveIntegrationTest extends ReceptorIntegrationTest {

    /** How far the previous cluster's transaction ids were ahead of this server's. */
    private static final long AHEAD = 1_000_000_000L;

    private static final int RESTORED_TRANSACTIONS = 3;

    @Autowired
    JdbcTemplate jdbc;

    @TestConfiguration
    static class RestoredFromAnotherCluster {

        @Bean
        FlywayMigrationStrategy migrateThenRestoreEventsOfAnotherCluster() {
            return flyway -> {
                flyway.migrate();
                JdbcTemplate restore = new JdbcTemplate(flyway.getConfiguration().getDataSource());
                long previousXid = restore.queryForObject("SELECT pg_current_xact_id()::text::bigint", Long.class)
                        + AHEAD;
                for (int transaction = 0; transaction < RESTORED_TRANSACTIONS; transaction++) {
                    for (int place = 0; place < 2; place++) {
                        restore.update("INSERT INTO events (id, type, data) VALUES (?, 'restored_event', '{}')",
                                ((previousXid + transaction) << EventPublisher.TRANSACTION_SHIFT) + place);
                    }
                }
            };
        }

    }

    @Test
    void newEventsComeAfterTheRestoredOnes() throws Exception {
        long newestRestored = newestRestoredId();
        try (ReceptorEventStream stream = ReceptorEventStream.open(baseUri(), TestTokens::receptorAdmin)) {
            receptor().desireLrp(ApiFixtures.desiredLrp("after-move", 1));

            List<RawEvent> received = take(stream, 2);

            assertThat(received).extracting(RawEvent::type)
                .containsExactly(DesiredLrpCreated.NAME, ActualLrpCreated.NAME);
            assertThat(received).extracting(RawEvent::id)
                .isSorted()
                .allSatisfy(id -> assertThat(id).isGreaterThan(newestRestored));
        }
    }

    @Test
    void aClientResumingFromARestoredIdGetsEverythingAfterIt() throws Exception {
        receptor().desireLrp(ApiFixtures.desiredLrp("while-away", 2));
        long oldestRestored = jdbc.queryForObject("SELECT min(id) FROM events", Long.class);
        List<Long> after = storedIdsAfter(oldestRestored);

        try (ReceptorEventStream stream = ReceptorEventStream.resume(baseUri(), TestTokens::receptorAdmin,
                oldestRestored)) {
            List<RawEvent> replayed = take(stream, after.size());

            assertThat(replayed).extracting(RawEvent::id).containsExactlyElementsOf(after);
            assertThat(replayed).extracting(RawEvent::type)
                .doesNotContain(EventsLost.NAME)
                .startsWith("restored_event")
                .endsWith(DesiredLrpCreated.NAME, ActualLrpCreated.NAME, ActualLrpCreated.NAME);

            receptor().updateDesiredLrp("while-away", new DesiredLrpUpdate(null, null, "live", null, null));
            assertThat(take(stream, 1).get(0).type()).isEqualTo(DesiredLrpChanged.NAME);
            assertThat(stream.poll(Duration.ofMillis(300))).as("nothing repeated").isNull();
        }
    }

    private long newestRestoredId() {
        return jdbc.queryForObject("SELECT max(id) FROM events WHERE type = 'restored_event'", Long.class);
    }

    private List<Long> storedIdsAfter(long id) {
        return jdbc.queryForList("SELECT id FROM events WHERE id > ? ORDER BY id", Long.class, id);
    }

}
