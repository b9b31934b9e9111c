package io.corral.receptor;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorException;
import io.corral.receptor.client.ReceptorJson;
import io.corral.receptor.convergence.ConvergenceRunner;
import io.corral.support.Threads;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.DatabaseOutage;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.SseLines;
import io.corral.testsupport.TestTokens;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The receptor under a steady load of writes while its database becomes unreachable (cut
 * off by a proxy, a real PostgreSQL behind it) and after it returns: requests fail fast
 * with 503 DatabaseUnavailable, never 500; readiness goes DOWN while liveness stays UP;
 * event streams keep their heartbeats; everything recovers by itself, and every write
 * that was acknowledged is there.
 */
class DatabaseOutageIntegrationTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(200);

    private static final Duration LEASE_TTL = Duration.ofSeconds(3);

    /** Generous, for a busy machine: how long any one step may take to be seen. */
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private static final String HEARTBEAT_LINE = ":heartbeat";

    @Test
    void theReceptorAnswersFastWhileTheDatabaseIsUnreachableAndRecoversByItself() {
        try (DatabaseOutage outage = new DatabaseOutage()) {
            Map<String, String> settings = new HashMap<>(outage.dataSource());
            settings.put("corral.events.heartbeat-interval", HEARTBEAT.toMillis() + "ms");
            settings.put("corral.convergence.lease-ttl", LEASE_TTL.toSeconds() + "s");
            try (ServiceUnderTest receptor = ServiceUnderTest.start(ReceptorApplication.SERVICE, settings);
                    SseLines events = new SseLines(receptor.uri(), "/v1/events", TestTokens.receptorAdmin());
                    Writers load = new Writers(receptor.client())) {
                ReceptorClient client = receptor.client();
                ConvergenceRunner convergence = receptor.bean(ConvergenceRunner.class);
                client.desireLrp(ApiFixtures.desiredLrp("before-outage", 1));
                Eventually.await(LIMIT, "the receptor leads convergence", convergence::isLeader);
                load.awaitAcknowledged(20);

                outage.cut(receptor);

                long asked = System.nanoTime();
                DatabaseOutage.answeringPromptly(receptor)
                    .send("POST", "/v1/desired_lrps", TestTokens.receptorAdmin(),
                            ReceptorJson.mapper().writeValueAsString(ApiFixtures.desiredLrp("during-outage", 1)))
                    .assertError(503, "DatabaseUnavailable", "database is unreachable");
                DatabaseOutage.log("a write was answered 503 DatabaseUnavailable in", asked);
                Eventually.await(LIMIT, "every writer under load is refused too",
                        () -> load.refused.get() >= Writers.WRITERS);
                long heartbeatsSoFar = events.count(HEARTBEAT_LINE);
                Eventually.await(LIMIT, "heartbeats go on without the database",
                        () -> events.count(HEARTBEAT_LINE) >= heartbeatsSoFar + 5);
                Eventually.await(LIMIT, "the replica stops leading without the database",
                        () -> !convergence.isLeader());

                outage.restore(receptor);
                load.awaitAcknowledged(load.acknowledged.size() + 20);
                load.close();

                System.out.printf("database outage: %d writes acknowledged, %d answered 503 DatabaseUnavailable%n",
                        load.acknowledged.size(), load.refused.get());
                assertThat(load.unexpected).as("answers other than 201 or 503 DatabaseUnavailable").isEmpty();
                List<String> stored = client.desiredLrps().stream().map(DesiredLrp::processGuid).toList();
                assertThat(stored).as("every acknowledged write").containsAll(load.acknowledged);
                assertThat(stored).contains("before-outage").doesNotContain("during-outage");
                long written = System.nanoTime();
                client.desireLrp(ApiFixtures.desiredLrp("after-outage", 1));
                Eventually.await(LIMIT, "the open stream delivers the new event without reconnecting",
                        () -> events.saw(DesiredLrpCreated.NAME, "after-outage"));
                DatabaseOutage.log("the open stream delivered an event written after the restore in", written);
                Eventually.await(LIMIT, "the replica leads again", convergence::isLeader);
            }
        }
    }

    /**
     * Clients desiring LRPs one after the other, as a Cloud Controller does under load,
     * each write a new process guid; bounded in count.
     */
    private static final class Writers implements AutoCloseable {

        static final int WRITERS = 4;

        private static final int MAX_WRITES_EACH = 2_000;

        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

        final AtomicInteger refused = new AtomicInteger();

        final Set<String> unexpected = ConcurrentHashMap.newKeySet();

        private final ExecutorService threads = Executors.newFixedThreadPool(WRITERS, Threads.daemon("writer"));

        private volatile boolean stopped;

        Writers(ReceptorClient client) {
            for (int writer = 0; writer < WRITERS; writer++) {
                String prefix = "load-" + writer + "-";
                threads.execute(() -> write(client, prefix));
            }
        }

        private void write(ReceptorClient client, String prefix) {
            for (int n = 0; n < MAX_WRITES_EACH && !stopped; n++) {
                String processGuid = prefix + n;
                try {
                    client.desireLrp(ApiFixtures.desiredLrp(processGuid, 1));
                    acknowledged.add(processGuid);
                }
                catch (ReceptorException e) {
                    if (e.status() == 503 && e.name().equals("DatabaseUnavailable")) {
                        refused.incrementAndGet();
                    }
                    else {
                        unexpected.add(e.status() + " " + e.name() + ": " + e.getMessage());
                    }
                }
                catch (RuntimeException e) {
                    unexpected.add(e.toString());
                }
            }
        }

        void awaitAcknowledged(int count) {
            Eventually.await(LIMIT, count + " writes acknowledged", () -> acknowledged.size() >= count);
        }

        @Override
        public void close() {
            stopped = true;
            threads.shutdown();
            try {
                assertThat(threads.awaitTermination(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("writers stopped")
                    .isTrue();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

    }

}
