package io.corral.receptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorException;
import io.corral.receptor.convergence.ConvergenceRunner;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.CuttableProxy;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.SseLines;
import io.corral.testsupport.TestPostgres;
import io.corral.testsupport.TestTokens;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The receptor while its database is unreachable (cut off by a proxy, a real PostgreSQL
 * behind it) and after it returns: requests fail fast with 503 DatabaseUnavailable,
 * readiness goes DOWN while liveness stays UP, event streams keep their heartbeats, and
 * everything recovers by itself.
 */
class DatabaseOutageIntegrationTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(200);

    private static final Duration LEASE_TTL = Duration.ofSeconds(3);

    /** Generous, for a busy machine: how long any one step may take to be seen. */
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private static final String HEARTBEAT_LINE = ":heartbeat";

    @Test
    void theReceptorAnswersFastWhileTheDatabaseIsUnreachableAndRecoversByItself() {
        try (CuttableProxy database = TestPostgres.cuttableProxy()) {
            Map<String, String> settings = new HashMap<>(TestPostgres.freshDataSourceThrough(database));
            settings.put("corral.events.heartbeat-interval", HEARTBEAT.toMillis() + "ms");
            settings.put("corral.convergence.lease-ttl", LEASE_TTL.toSeconds() + "s");
            try (ServiceUnderTest receptor = ServiceUnderTest.start(ReceptorApplication.SERVICE, settings);
                    SseLines events = new SseLines(receptor.uri(), "/v1/events", TestTokens.receptorAdmin())) {
                ReceptorClient client = receptor.client();
                RawHttp http = new RawHttp(receptor.uri());
                ConvergenceRunner convergence = receptor.bean(ConvergenceRunner.class);
                client.desireLrp(ApiFixtures.desiredLrp("before-outage", 1));
                Eventually.await(LIMIT, "the receptor leads convergence", convergence::isLeader);

                database.cut();
                long cutAt = System.nanoTime();

                Eventually.await(LIMIT, "readiness is DOWN", () -> health(http, "readiness").equals("503 DOWN"));
                log("readiness answered DOWN after the cut in", cutAt);
                assertThat(health(http, "liveness")).isEqualTo("200 UP");

                long asked = System.nanoTime();
                ReceptorException refused = catchThrowableOfType(ReceptorException.class,
                        () -> client.desireLrp(ApiFixtures.desiredLrp("during-outage", 1)));
                log("a write was answered " + refused.status() + " " + refused.name() + " in", asked);
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.name()).isEqualTo("DatabaseUnavailable");

                long heartbeatsSoFar = events.count(HEARTBEAT_LINE);
                Eventually.await(LIMIT, "heartbeats go on without the database",
                        () -> events.count(HEARTBEAT_LINE) >= heartbeatsSoFar + 5);
                Eventually.await(LIMIT, "the replica stops leading without the database",
                        () -> !convergence.isLeader());

                database.restore();
                long restoredAt = System.nanoTime();

                Eventually.await(LIMIT, "readiness is UP again", () -> health(http, "readiness").equals("200 UP"));
                log("readiness answered UP after the restore in", restoredAt);
                client.desireLrp(ApiFixtures.desiredLrp("after-outage", 1));
                assertThat(client.desiredLrp("before-outage").processGuid()).isEqualTo("before-outage");
                Eventually.await(LIMIT, "the open stream delivers the new event without reconnecting",
                        () -> events.saw(DesiredLrpCreated.NAME, "after-outage"));
                log("the open stream delivered an event after the restore in", restoredAt);
                Eventually.await(LIMIT, "the replica leads again", convergence::isLeader);
            }
        }
    }

    /** The status and the answer's {@code status} of a health group, e.g. "503 DOWN". */
    private static String health(RawHttp http, String group) {
        RawHttp.Response response = http.send("GET", "/actuator/health/" + group, null, null);
        return response.status() + " " + response.json().path("status").asString();
    }

    private static void log(String what, long sinceNanos) {
        System.out.printf("database outage: %s %d ms%n", what, (System.nanoTime() - sinceNanos) / 1_000_000);
    }

}
