package io.corral.receptor.events;

import static io.corral.receptor.events.EventStreamIntegrationTest.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.client.RawEvent;
import io.corral.receptor.client.ReceptorEventStream;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.TestPostgres;
import io.corral.testsupport.TestTokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Only the receptor's own write transactions hold back the event stream: a transaction
 * left open in another database of the same server, or by an operator's session in the
 * receptor's database, does not delay, skip or repeat any event.
 */
class EventHorizonIntegrationTest extends ReceptorIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(EventHorizonIntegrationTest.class);

    @Autowired
    JdbcTemplate jdbc;

    @Value("${spring.datasource.url}")
    String receptorDatabase;

    @Test
    void aTransactionOpenInAnotherDatabaseDoesNotHoldTheStreamBack() throws Exception {
        try (Connection elsewhere = openWriteTransaction(TestPostgres.freshDatabase(), "another-service")) {
            assertThat(jdbc.queryForObject("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint", Long.class))
                .as("the server-wide horizon stands at or below the other database's transaction")
                .isLessThanOrEqualTo(xidOf(elsewhere));
            long before = latestStoredId();

            List<RawEvent> received = desireAndReceive("elsewhere", 5);

            assertStillOpen(elsewhere);
            assertThat(received).extracting(RawEvent::id).containsExactlyElementsOf(storedIdsAfter(before));
        }
    }

    @Test
    void anOperatorsSessionInTheReceptorDatabaseDoesNotHoldTheStreamBack() throws Exception {
        try (Connection operator = openWriteTransaction(receptorDatabase, "psql")) {
            long before = latestStoredId();

            List<RawEvent> received = desireAndReceive("operator", 2);

            assertStillOpen(operator);
            assertThat(received).extracting(RawEvent::id).containsExactlyElementsOf(storedIdsAfter(before));
        }
    }

    /**
     * Desires {@code count} LRPs one after the other, each time waiting for its two
     * events.
     */
    private List<RawEvent> desireAndReceive(String prefix, int count) throws Exception {
        List<RawEvent> received = new ArrayList<>();
        try (ReceptorEventStream stream = ReceptorEventStream.open(baseUri(), TestTokens::receptorAdmin)) {
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                receptor().desireLrp(ApiFixtures.desiredLrp(prefix + "-" + i, 1));
                List<RawEvent> events = take(stream, 2);
                log.info(
                        "{} while a write transaction stays open: events of a change arrived {} ms after the "
                                + "change was requested",
                        prefix, Duration.ofNanos(System.nanoTime() - start).toMillis());
                assertThat(events).extracting(RawEvent::type)
                    .containsExactly(DesiredLrpCreated.NAME, ActualLrpCreated.NAME);
                assertThat(events.get(0).data().at("/desired_lrp/process_guid").asString()).isEqualTo(prefix + "-" + i);
                received.addAll(events);
            }
            assertThat(stream.poll(Duration.ofMillis(300))).as("nothing repeated").isNull();
        }
        assertThat(received).extracting(RawEvent::id).isSorted().doesNotHaveDuplicates();
        return received;
    }

    private static Connection openWriteTransaction(String url, String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", TestPostgres.user());
        properties.setProperty("password", TestPostgres.password());
        properties.setProperty("ApplicationName", applicationName);
        Connection connection = DriverManager.getConnection(url, properties);
        connection.setAutoCommit(false);
        xidOf(connection);
        return connection;
    }

    /**
     * The transaction's id; asking for it gives the transaction one, as a write would.
     */
    private static long xidOf(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_current_xact_id()::text::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void assertStillOpen(Connection connection) throws SQLException {
        long xid = xidOf(connection);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE backend_xid::text::bigint = ?",
                Long.class, xid & 0xFFFF_FFFFL))
            .as("the transaction is still running")
            .isEqualTo(1);
    }

    private long latestStoredId() {
        return jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM events", Long.class);
    }

    private List<Long> storedIdsAfter(long id) {
        return jdbc.queryForList("SELECT id FROM events WHERE id > ? ORDER BY id", Long.class, id);
    }

}
