package io.corral.receptor.events;

import static io.corral.receptor.events.EventStreamIntegrationTest.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.client.RawEvent;
import io.corral.receptor.client.ReceptorEventStream;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.TestTokens;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A write transaction of the receptor that stays open past {@code max-write-transaction}
 * is logged and ended: the stream moves on without it, and its event never appears.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "corral.events.max-write-transaction=1s")
class WriteTransactionBoundIntegrationTest extends ReceptorIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aWriteTransactionOpenTooLongIsEndedAndTheStreamMovesOn(CapturedOutput output) throws Exception {
        try (ReceptorEventStream stream = ReceptorEventStream.open(baseUri(), TestTokens::receptorAdmin);
                Connection stuckWriter = dataSource.getConnection()) {
            stuckWriter.setAutoCommit(false);
            int pid = writeAnEvent(stuckWriter);

            receptor().desireLrp(ApiFixtures.desiredLrp("after-stuck", 1));
            List<RawEvent> received = take(stream, 2);

            assertThat(received).extracting(RawEvent::type)
                .containsExactly(DesiredLrpCreated.NAME, ActualLrpCreated.NAME);
            assertThat(received).extracting(RawEvent::id).isSorted();
            assertThat(output).contains("ending the write transaction of pid " + pid);
            assertThatThrownBy(stuckWriter::commit).as("the ended transaction cannot commit")
                .isInstanceOf(SQLException.class);
            assertThat(stream.poll(Duration.ofMillis(500))).as("nothing of the ended transaction").isNull();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM events WHERE type = 'stuck_writer_event'", Long.class))
                .isZero();
        }
    }

    private static int writeAnEvent(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO events (id, type, data) VALUES (" + EventPublisher.FIRST_ID_OF_TRANSACTION
                    + ", 'stuck_writer_event', '{}')");
            try (ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

}
