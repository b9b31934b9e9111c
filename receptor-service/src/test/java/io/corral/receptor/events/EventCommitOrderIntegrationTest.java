package io.corral.receptor.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.client.RawEvent;
import io.corral.receptor.client.ReceptorEventStream;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.TestTokens;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Writers do not commit in the order they started. An event of a transaction that started
 * first but commits last must still reach every client, in id order, with nothing
 * skipped.
 */
class EventCommitOrderIntegrationTest extends ReceptorIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void anEarlierTransactionCommittingLastIsNotSkipped() throws Exception {
        try (ReceptorEventStream stream = ReceptorEventStream.open(baseUri(), TestTokens::receptorAdmin);
                Connection slowWriter = dataSource.getConnection()) {
            slowWriter.setAutoCommit(false);
            try (Statement statement = slowWriter.createStatement()) {
                statement.execute("INSERT INTO events (id, type, data) VALUES ("
                        + EventPublisher.FIRST_ID_OF_TRANSACTION + ", 'slow_writer_event', '{}')");
            }

            receptor().desireLrp(ApiFixtures.desiredLrp("fast-writer", 1));
            assertThat(stream.poll(Duration.ofMillis(500)))
                .as("nothing after the slow writer's place is handed out while it may still commit")
                .isNull();

            slowWriter.commit();
            List<RawEvent> received = EventStreamIntegrationTest.take(stream, 3);

            assertThat(received).extracting(RawEvent::type)
                .containsExactly("slow_writer_event", DesiredLrpCreated.NAME, ActualLrpCreated.NAME);
            assertThat(received).extracting(RawEvent::id).isSorted().doesNotHaveDuplicates();
        }
    }

}
