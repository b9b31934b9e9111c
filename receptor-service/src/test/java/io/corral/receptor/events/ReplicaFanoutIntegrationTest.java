package io.corral.receptor.events;

import static io.corral.receptor.events.EventStreamIntegrationTest.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.client.RawEvent;
import io.corral.receptor.client.ReceptorEventStream;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TestPostgres;
import io.corral.testsupport.TestTokens;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two receptor replicas on one database: each serves the events of changes made through
 * the other.
 */
class ReplicaFanoutIntegrationTest {

    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(5);

    private static ServiceUnderTest replicaA;

    private static ServiceUnderTest replicaB;

    @BeforeAll
    static void startTwoReplicas() {
        Map<String, String> settings = new HashMap<>(TestPostgres.freshDataSource());
        settings.put("corral.events.stream-timeout", STREAM_TIMEOUT.toString());
        replicaA = ServiceUnderTest.start(ReceptorApplication.SERVICE, settings);
        replicaB = ServiceUnderTest.start(ReceptorApplication.SERVICE, settings);
    }

    @AfterAll
    static void stopReplicas() {
        for (ServiceUnderTest replica : new ServiceUnderTest[] { replicaB, replicaA }) {
            if (replica != null) {
                replica.close();
            }
        }
    }

    @Test
    void aClientOfOneReplicaSeesChangesMadeThroughTheOther() throws Exception {
        try (ReceptorEventStream onB = ReceptorEventStream.open(replicaB.uri(), TestTokens::receptorAdmin)) {
            replicaA.client().desireLrp(ApiFixtures.desiredLrp("across", 2));

            List<RawEvent> events = take(onB, 3);
            assertThat(events).extracting(RawEvent::type)
                .containsExactly(DesiredLrpCreated.NAME, ActualLrpCreated.NAME, ActualLrpCreated.NAME);
            assertThat(events.get(0).data().at("/desired_lrp/process_guid").asString()).isEqualTo("across");
            assertThat(events).extracting(RawEvent::id).containsExactlyElementsOf(storedIds(0));
        }
    }

    /**
     * As a replica leaves it that stops between a commit and its notification: the other
     * replicas read the outbox on a timer too.
     */
    @Test
    void anEventCommittedWithoutANotificationStillReachesTheOtherReplica() throws Exception {
        long stored = replicaA.bean(JdbcTemplate.class)
            .queryForObject("SELECT coalesce(max(id), 0) FROM events", Long.class);
        Eventually.await(STREAM_TIMEOUT, "replica B read the events of the other tests",
                () -> replicaB.bean(EventFanout.class).latestEventId() >= stored);
        try (ReceptorEventStream onB = ReceptorEventStream.open(replicaB.uri(), TestTokens::receptorAdmin)) {
            replicaA.bean(JdbcTemplate.class)
                .update("INSERT INTO events (id, type, data) VALUES (" + EventPublisher.FIRST_ID_OF_TRANSACTION
                        + ", 'never_notified', '{}')");

            assertThat(take(onB, 1)).extracting(RawEvent::type).containsExactly("never_notified");
        }
    }

    @Test
    void aClientResumesOnTheOtherReplicaWhereItLeftOff() throws Exception {
        long leftOff;
        try (ReceptorEventStream onA = ReceptorEventStream.open(replicaA.uri(), TestTokens::receptorAdmin)) {
            replicaB.client().desireLrp(ApiFixtures.desiredLrp("first", 1));
            take(onA, 2);
            leftOff = onA.lastEventId();
        }
        replicaA.client().desireLrp(ApiFixtures.desiredLrp("second", 3));

        List<Long> missed = storedIds(leftOff);
        try (ReceptorEventStream onB = ReceptorEventStream.resume(replicaB.uri(), TestTokens::receptorAdmin, leftOff)) {
            assertThat(take(onB, missed.size())).extracting(RawEvent::id).containsExactlyElementsOf(missed);
        }
    }

    @Test
    void aStreamEndsAfterTheStreamTimeout() throws Exception {
        try (ReceptorEventStream stream = ReceptorEventStream.open(replicaA.uri(), TestTokens::receptorAdmin)) {
            assertThat(stream.poll(STREAM_TIMEOUT.multipliedBy(3))).isNull();
            assertThat(stream.isOpen()).isFalse();
        }
    }

    private static List<Long> storedIds(long after) {
        return replicaA.bean(JdbcTemplate.class)
            .queryForList("SELECT id FROM events WHERE id > ? ORDER BY id", Long.class, after);
    }

}
