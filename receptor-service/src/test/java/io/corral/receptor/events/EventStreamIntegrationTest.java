package io.corral.receptor.events;

import static io.corral.testsupport.ApiAssertions.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.DesiredLrpUpdate;
import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpRemoved;
import io.corral.receptor.api.event.ReceptorEvent.EventsLost;
import io.corral.receptor.client.RawEvent;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorEventStream;
import io.corral.receptor.client.ReceptorEvents;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

// A small batch size makes the replay page through the outbox; a short heartbeat shows it and
// lets the server notice departed clients quickly.
@TestPropertySource(properties = { "corral.events.batch-size=7", "corral.events.heartbeat-interval=200ms" })
class EventStreamIntegrationTest extends ReceptorIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventFanout fanout;

    @Autowired
    EventRetention retention;

    @Autowired
    MeterRegistry meters;

    @Autowired
    EventStore store;

    @Autowired
    EventProperties properties;

    /**
     * Events of an earlier test still on their way would reach a stream opened "from
     * now".
     */
    @BeforeEach
    void fanoutHasReadEveryStoredEvent() {
        Eventually.await(WAIT, "the fan-out read every stored event", () -> fanout.latestEventId() >= latestStoredId());
    }

    @Test
    void desiringAnLrpStreamsItAndOneActualLrpPerInstanceThenTheirTransitions() throws Exception {
        ReceptorClient receptor = receptor();
        try (ReceptorEventStream stream = ReceptorEventStream.open(baseUri(), TestTokens::receptorAdmin)) {
            receptor.desireLrp(ApiFixtures.desiredLrp("shape", 2));

            List<RawEvent> created = take(stream, 3);
            assertThat(created).extracting(RawEvent::type)
                .containsExactly(DesiredLrpCreated.NAME, ActualLrpCreated.NAME, ActualLrpCreated.NAME);
            assertThat(created.get(0).data().propertyNames()).containsExactly("desired_lrp");
            assertThat(created.get(0).data().at("/desired_lrp/process_guid").asString()).isEqualTo("shape");
            assertThat(created.get(0).data().at("/desired_lrp/instances").asInt()).isEqualTo(2);
            assertThat(created.subList(1, 3)).allSatisfy(event -> {
                assertThat(event.data().propertyNames()).containsExactly("actual_lrp");
                assertThat(event.data().at("/actual_lrp/state").asString()).isEqualTo("UNCLAIMED");
            });
            assertThat(created.subList(1, 3)).extracting(event -> event.data().at("/actual_lrp/index").asInt())
                .containsExactlyInAnyOrder(0, 1);

            receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of()));
            ActualLrp unclaimed = receptor.actualLrp("shape", 0);
            receptor.assign("shape", 0, new Assignment(unclaimed.instanceGuid(), "cell-a", null));

            RawEvent changed = take(stream, 1).get(0);
            assertThat(changed.type()).isEqualTo(ActualLrpChanged.NAME);
            assertThat(changed.data().propertyNames()).containsExactly("actual_lrp_before", "actual_lrp_after");
            assertThat(changed.data().at("/actual_lrp_before/cell_id").isMissingNode()).isTrue();
            assertThat(changed.data().at("/actual_lrp_after/cell_id").asString()).isEqualTo("cell-a");
            assertThat(changed.data().at("/actual_lrp_after/instance_guid").asString())
                .isEqualTo(unclaimed.instanceGuid());
        }
    }

    @Test
    void aDesiresEventsCarryTheLrpAndItsInstancesExactlyAsStored() throws Exception {
        ReceptorClient receptor = receptor();
        try (ReceptorEventStream stream = ReceptorEventStream.open(baseUri(), TestTokens::receptorAdmin)) {
            receptor.desireLrp(ApiFixtures.desiredLrp("as-stored", 3));

            List<ReceptorEvent> created = take(stream, 4).stream()
                .map(event -> ReceptorEvents.decode(event).orElseThrow())
                .toList();
            assertThat(created.get(0)).isInstanceOfSatisfying(DesiredLrpCreated.class,
                    event -> assertThat(event.desiredLrp()).isEqualTo(receptor.desiredLrp("as-stored")));
            assertThat(created.subList(1, 4)).map(event -> ((ActualLrpCreated) event).actualLrp())
                .containsExactlyInAnyOrderElementsOf(receptor.actualLrps("as-stored"));
        }
    }

    @Test
    void aResumedStreamGetsExactlyTheEventsItMissedThenLiveOnes() throws Exception {
        ReceptorClient receptor = receptor();
        long resumeFrom;
        try (ReceptorEventStream stream = ReceptorEventStream.open(baseUri(), TestTokens::receptorAdmin)) {
            receptor.desireLrp(ApiFixtures.desiredLrp("before-gap", 1));
            take(stream, 2);
            resumeFrom = stream.lastEventId();
        }

        receptor.desireLrp(ApiFixtures.desiredLrp("in-gap", 5));
        receptor.updateDesiredLrp("in-gap", new DesiredLrpUpdate(12, null, null, null, null));
        receptor.removeDesiredLrp("before-gap");
        List<Long> missed = storedIdsAfter(resumeFrom);
        assertThat(missed).as("enough events for several pages of the replay").hasSizeGreaterThan(14);

        try (ReceptorEventStream stream = ReceptorEventStream.resume(baseUri(), TestTokens::receptorAdmin,
                resumeFrom)) {
            List<RawEvent> replayed = take(stream, missed.size());
            assertThat(replayed).extracting(RawEvent::id).containsExactlyElementsOf(missed);
            assertThat(replayed.get(0).type()).isEqualTo(DesiredLrpCreated.NAME);
            assertThat(replayed.get(0).data().at("/desired_lrp/process_guid").asString()).isEqualTo("in-gap");
            assertThat(replayed).filteredOn(e -> e.type().equals(ActualLrpCreated.NAME)).hasSize(12);
            assertThat(replayed).filteredOn(e -> e.type().equals(DesiredLrpChanged.NAME)).hasSize(1);
            assertThat(replayed).filteredOn(e -> e.type().equals(DesiredLrpRemoved.NAME)).hasSize(1);

            receptor.updateDesiredLrp("in-gap", new DesiredLrpUpdate(null, null, "live: é ✓ 日本", null, null));
            RawEvent live = take(stream, 1).get(0);
            assertThat(live.id()).isEqualTo(storedIdsAfter(missed.get(missed.size() - 1)).get(0));
            assertThat(live.data().at("/desired_lrp_after/annotation").asString()).isEqualTo("live: é ✓ 日本");
            assertThat(stream.poll(Duration.ofMillis(300))).as("nothing repeated").isNull();
        }
    }

    @Test
    void resumingWhileChangesKeepComingHandsOverWithoutGapOrRepeat() throws Exception {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("busy", 1));
        long resumeFrom = latestStoredId();
        int changes = 40;
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= changes; i++) {
                receptor.updateDesiredLrp("busy", new DesiredLrpUpdate(null, null, "change " + i, null, null));
            }
        });
        List<RawEvent> received = new ArrayList<>();
        try (ReceptorEventStream stream = ReceptorEventStream.resume(baseUri(), TestTokens::receptorAdmin,
                resumeFrom)) {
            while (received.size() < changes) {
                RawEvent event = stream.poll(WAIT);
                assertThat(event).as("event %d of %d", received.size() + 1, changes).isNotNull();
                received.add(event);
            }
            writer.join();
            assertThat(stream.poll(Duration.ofMillis(300))).as("nothing after the last change").isNull();
        }
        assertThat(received).extracting(RawEvent::id).containsExactlyElementsOf(storedIdsAfter(resumeFrom));
        assertThat(received).extracting(e -> e.data().at("/desired_lrp_after/annotation").asString())
            .containsExactlyElementsOf(Stream.iterate(1, i -> i + 1).limit(changes).map(i -> "change " + i).toList());
    }

    @Test
    void aClientResumingBeforeTheOldestKeptEventIsToldEventsWereLost() throws Exception {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("expiring", 1));
        long before = latestStoredId();
        receptor.desireLrp(ApiFixtures.desiredLrp("kept", 1));
        jdbc.update("UPDATE events SET created_at = now() - interval '2 hours' WHERE id <= ?", before);
        assertThat(retention.sweep()).isGreaterThan(0);
        long oldest = jdbc.queryForObject("SELECT min(id) FROM events", Long.class);
        assertThat(oldest).isGreaterThan(before);

        try (ReceptorEventStream stream = ReceptorEventStream.resume(baseUri(), TestTokens::receptorAdmin, 1)) {
            RawEvent lost = take(stream, 1).get(0);
            assertThat(ReceptorEvents.decode(lost)).contains(new EventsLost(oldest - 1, 1, oldest));
            List<Long> kept = storedIdsAfter(oldest - 1);
            assertThat(take(stream, kept.size())).extracting(RawEvent::id).containsExactlyElementsOf(kept);
        }
    }

    @Test
    void retentionKeepsTheNewestEventSoAResumedClientMissesNothing() throws Exception {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("quiet", 0));
        long newest = latestStoredId();
        jdbc.update("UPDATE events SET created_at = now() - interval '2 hours'");
        retention.sweep();
        assertThat(storedIdsAfter(0)).containsExactly(newest);

        try (ReceptorEventStream stream = ReceptorEventStream.resume(baseUri(), TestTokens::receptorAdmin, newest)) {
            receptor.removeDesiredLrp("quiet");
            assertThat(take(stream, 1).get(0).type()).isEqualTo(DesiredLrpRemoved.NAME);
        }
    }

    @Test
    void aClientThatFallsTooFarBehindIsDisconnectedWithoutHoldingUpOthers() throws Exception {
        EventProperties fourBehind = new EventProperties(properties.retention(), properties.retentionSweepInterval(),
                properties.pollInterval(), 4, 4, properties.heartbeatInterval(), properties.streamTimeout(),
                properties.maxWriteTransaction());
        List<Runnable> stuckWriter = new CopyOnWriteArrayList<>();
        CompletableFuture<EventStream> disconnected = new CompletableFuture<>();
        EventStream slow = new EventStream(new SseEmitter(), store, fanout, fourBehind, stuckWriter::add, event -> {
        }, disconnected::complete);
        try (ReceptorEventStream fast = ReceptorEventStream.open(baseUri(), TestTokens::receptorAdmin)) {
            slow.start(OptionalLong.empty());
            receptor().desireLrp(ApiFixtures.desiredLrp("flood", 6));

            assertThat(take(fast, 7)).extracting(RawEvent::type).startsWith(DesiredLrpCreated.NAME);
            Eventually.await(WAIT, "the fan-out read every stored event",
                    () -> fanout.latestEventId() >= latestStoredId());
            assertThat(stuckWriter).as("the slow client's writer was never let run").hasSize(1);
            assertThat(disconnected).isNotDone();

            stuckWriter.get(0).run();
            assertThat(disconnected).isCompletedWithValue(slow);
        }
    }

    @Test
    void idleStreamsGetHeartbeatCommentsAndDepartedClientsAreCleanedUp() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/v1/events"))
            .header("Authorization", "Bearer " + TestTokens.receptorAdmin())
            .build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
            .send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        Eventually.await(WAIT, "one subscriber", () -> subscribers() == 1);
        try (Stream<String> lines = response.body()) {
            assertThat(lines.filter(line -> !line.isEmpty()).limit(3)).as("one when opened, then periodic ones")
                .containsOnly(":heartbeat");
        }
        Eventually.await(WAIT, "no subscriber", () -> subscribers() == 0);
    }

    @Test
    void eventsAreCountedAsDelivered() throws Exception {
        double before = meters.counter("corral.events.delivered").count();
        try (ReceptorEventStream stream = ReceptorEventStream.open(baseUri(), TestTokens::receptorAdmin)) {
            receptor().desireLrp(ApiFixtures.desiredLrp("counted", 1));
            take(stream, 2);
        }
        // The server counts an event once its write returned, which may be after the
        // client read it.
        Eventually.await(WAIT, "both events counted as delivered",
                () -> meters.counter("corral.events.delivered").count() >= before + 2);
    }

    @Test
    void theFanoutListensAgainWhenItsConnectionIsKilled() throws Exception {
        List<Integer> listener = listeningBackends();
        assertThat(listener).hasSize(1);
        jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, listener.get(0));

        try (ReceptorEventStream stream = ReceptorEventStream.open(baseUri(), TestTokens::receptorAdmin)) {
            receptor().desireLrp(ApiFixtures.desiredLrp("after-kill", 1));
            assertThat(take(stream, 2)).extracting(RawEvent::type)
                .containsExactly(DesiredLrpCreated.NAME, ActualLrpCreated.NAME);
        }
        Eventually.await(WAIT, "a new LISTEN backend",
                () -> listeningBackends().size() == 1 && !listeningBackends().equals(listener));
    }

    @Test
    void theStreamNeedsAToken() {
        assertApiError(() -> ReceptorEventStream.open(baseUri(), () -> "not-a-token"), 401, "Unauthorized");
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/v1/events")).build();
        assertThat(send(request).statusCode()).isEqualTo(401);
    }

    @Test
    void aLastEventIdThatIsNoNumberIsRejected() {
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/v1/events"))
            .header("Authorization", "Bearer " + TestTokens.receptorAdmin())
            .header("Last-Event-ID", "yesterday")
            .build();
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("InvalidRequest", "Last-Event-ID");

        HttpRequest negative = HttpRequest.newBuilder(baseUri().resolve("/v1/events?last_event_id=-3"))
            .header("Authorization", "Bearer " + TestTokens.receptorAdmin())
            .build();
        assertThat(send(negative).statusCode()).isEqualTo(400);
    }

    private List<Long> storedIdsAfter(long id) {
        return jdbc.queryForList("SELECT id FROM events WHERE id > ? ORDER BY id", Long.class, id);
    }

    private long latestStoredId() {
        return jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM events", Long.class);
    }

    private List<Integer> listeningBackends() {
        return jdbc.queryForList("""
                SELECT pid FROM pg_stat_activity
                WHERE datname = current_database() AND query = 'LISTEN corral_events'""", Integer.class);
    }

    private double subscribers() {
        return meters.get("corral.events.subscribers").gauge().value();
    }

    static List<RawEvent> take(ReceptorEventStream stream, int count) throws InterruptedException {
        List<RawEvent> events = new ArrayList<>();
        while (events.size() < count) {
            RawEvent event = stream.poll(WAIT);
            assertThat(event).as("event %d of %d within %s, after %s", events.size() + 1, count, WAIT, events)
                .isNotNull();
            events.add(event);
        }
        return events;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
