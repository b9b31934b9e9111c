package io.corral.receptor.events;

import static io.corral.receptor.events.EventStreamIntegrationTest.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.client.RawEvent;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorEventStream;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.TestPostgres;
import io.corral.testsupport.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two receptor replicas on one database: each serves the events of changes made through the other. */
class ReplicaFanoutIntegrationTest {

    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(5);

    private static ConfigurableApplicationContext replicaA;
    private static ConfigurableApplicationContext replicaB;

    @BeforeAll
    static void startTwoReplicas() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", TestPostgres.freshDatabase());
        properties.put("spring.datasource.username", TestPostgres.user());
        properties.put("spring.datasource.password", TestPostgres.password());
        properties.put("corral.events.stream-timeout", STREAM_TIMEOUT.toString());
        TestTokens.register((name, value) -> properties.put(name, value.get()));
        // As arguments, which (unlike default properties) take precedence over application.yml.
        String[] arguments = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new);
        replicaA = new SpringApplicationBuilder(ReceptorApplication.class).run(arguments);
        replicaB = new SpringApplicationBuilder(ReceptorApplication.class).run(arguments);
    }

    @AfterAll
    static void stopReplicas() {
        for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] {replicaB, replicaA}) {
            if (replica != null) {
                replica.close();
            }
        }
    }

    @Test
    void aClientOfOneReplicaSeesChangesMadeThroughTheOther() throws Exception {
        try (ReceptorEventStream onB = ReceptorEventStream.open(uri(replicaB), TestTokens::receptorAdmin)) {
            client(replicaA).desireLrp(ApiFixtures.desiredLrp("across", 2));

            List<RawEvent> events = take(onB, 3);
            assertThat(events).extracting(RawEvent::type)
                    .containsExactly(DesiredLrpCreated.NAME, ActualLrpCreated.NAME, ActualLrpCreated.NAME);
            assertThat(events.get(0).data().at("/desired_lrp/process_guid").asString()).isEqualTo("across");
            assertThat(events).extracting(RawEvent::id).containsExactlyElementsOf(storedIds(0));
        }
    }

    @Test
    void aClientResumesOnTheOtherReplicaWhereItLeftOff() throws Exception {
        long leftOff;
        try (ReceptorEventStream onA = ReceptorEventStream.open(uri(replicaA), TestTokens::receptorAdmin)) {
            client(replicaB).desireLrp(ApiFixtures.desiredLrp("first", 1));
            take(onA, 2);
            leftOff = onA.lastEventId();
        }
        client(replicaA).desireLrp(ApiFixtures.desiredLrp("second", 3));

        List<Long> missed = storedIds(leftOff);
        try (ReceptorEventStream onB = ReceptorEventStream.resume(uri(replicaB), TestTokens::receptorAdmin,
                leftOff)) {
            assertThat(take(onB, missed.size())).extracting(RawEvent::id).containsExactlyElementsOf(missed);
        }
    }

    @Test
    void aStreamEndsAfterTheStreamTimeout() throws Exception {
        try (ReceptorEventStream stream = ReceptorEventStream.open(uri(replicaA), TestTokens::receptorAdmin)) {
            assertThat(stream.poll(STREAM_TIMEOUT.multipliedBy(3))).isNull();
            assertThat(stream.isOpen()).isFalse();
        }
    }

    private static List<Long> storedIds(long after) {
        return replicaA.getBean(JdbcTemplate.class)
                .queryForList("SELECT id FROM events WHERE id > ? ORDER BY id", Long.class, after);
    }

    private static ReceptorClient client(ConfigurableApplicationContext replica) {
        return new ReceptorClient(uri(replica), TestTokens::receptorAdmin);
    }

    private static URI uri(ConfigurableApplicationContext replica) {
        return URI.create("http://127.0.0.1:" + replica.getEnvironment().getProperty("local.server.port"));
    }
}
