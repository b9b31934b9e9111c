package io.corral.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.client.RawEvent;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorEventStream;
import io.corral.receptor.client.ReceptorException;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.ChildJvm;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestPostgres;
import io.corral.testsupport.TestTokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two receptor replicas on one database and two placement replicas on another, each a JVM
 * of its own, under load from clients of both receptors: the receptor holding the
 * {@code convergence} lease and the placement replica holding the {@code auction} lease
 * are killed with SIGKILL at once. Nothing acknowledged is lost, a retried desire never
 * makes a second record, the surviving receptor's event stream goes on without a gap, and
 * the survivors take the leases and place the work.
 *
 * <p>
 * Each placement replica talks to the receptor replica beside it, as it would through a
 * host-local address; the one that leads the auction is started beside the receptor that
 * leads convergence, so that the killed pair leaves a placement replica whose receptor
 * answers.
 */
class ReplicaKillIntegrationTest {

    private static final Duration LEASE_TTL = Duration.ofSeconds(3);

    /** A Spring Boot JVM starting cold on a busy machine. */
    private static final Duration CHILD_START = Duration.ofSeconds(150);

    /** A few lease TTLs, with room for a busy machine's pauses. */
    private static final Duration TAKE_OVER = LEASE_TTL.multipliedBy(5);

    private static final Duration WITHIN = Duration.ofSeconds(60);

    private static final int CLIENTS = 4;

    private static final int DESIRES_PER_CLIENT = 60;

    private static final int CELLS = 4;

    @Test
    void killingTheLeadingReceptorAndPlacementLosesNothingAcknowledged(@TempDir Path directory) throws Exception {
        Map<String, String> receptorDatabase = TestPostgres.freshDataSource();
        Map<String, String> placementDatabase = TestPostgres.freshDataSource();
        List<ChildJvm> children = new ArrayList<>();
        try {
            Replica leadingReceptor = startReceptor(directory, receptorDatabase, children);
            Replica leadingPlacement = startPlacement(directory, placementDatabase, leadingReceptor, children);
            awaitLeading(leadingReceptor, "convergence");
            awaitLeading(leadingPlacement, "auction");
            Replica survivingReceptor = startReceptor(directory, receptorDatabase, children);
            Replica survivingPlacement = startPlacement(directory, placementDatabase, survivingReceptor, children);
            awaitHealthy(survivingReceptor);
            awaitHealthy(survivingPlacement);
            assertThat(holds(survivingReceptor, "convergence")).isFalse();
            assertThat(holds(survivingPlacement, "auction")).isFalse();

            ReceptorClient survivor = client(survivingReceptor);
            for (int cell = 0; cell < CELLS; cell++) {
                survivor.heartbeat("cell-" + cell, ApiFixtures.cell("cell-" + cell, "z" + cell, List.of(), 3600));
            }

            Load load = new Load(List.of(client(leadingReceptor), survivor));
            try (ReceptorEventStream stream = ReceptorEventStream.open(survivingReceptor.uri(),
                    TestTokens::receptorAdmin)) {
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    running.add(clients.submit(() -> load.run(client)));
                }
                Eventually.await(WITHIN, "load acknowledged before the kill", () -> load.acknowledged.size() >= 40);

                leadingReceptor.process().kill();
                leadingPlacement.process().kill();
                long killedAt = System.nanoTime();
                int acknowledgedAtKill = load.acknowledged.size();
                Eventually.await(TAKE_OVER, "the surviving receptor takes the convergence lease",
                        () -> holds(survivingReceptor, "convergence"));
                long receptorLedMs = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
                Eventually.await(TAKE_OVER, "the surviving placement replica takes the auction lease",
                        () -> holds(survivingPlacement, "auction"));
                long placementLedMs = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();

                for (Future<?> client : running) {
                    client.get();
                }
                clients.shutdown();
                survivor.desireLrp(webApp("after-the-kill", 3));
                load.acknowledged.add("after-the-kill");

                Eventually.untilPasses(WITHIN,
                        () -> assertThat(survivor.actualLrps())
                            .as("every instance placed on a cell by the surviving auction leader")
                            .allSatisfy(instance -> assertThat(instance.cellId()).isNotNull()));
                assertEveryAcknowledgedDesireRunsOnce(survivor, load.acknowledged);
                assertThat(survivor.desiredLrps()).extracting(DesiredLrp::processGuid)
                    .as("desires found committed on a retry")
                    .containsAll(load.committedOnRetry);
                List<RawEvent> events = drain(stream, receptorDatabase);
                assertStreamComplete(events, receptorDatabase, load.acknowledged);

                System.out.printf(
                        "replicas killed with %d desires acknowledged; %d acknowledged in all (%d found committed on a"
                                + " retry, %d retries of acknowledged desires answered 409), %d events streamed;"
                                + " receptor led %d ms and placement %d ms after the kill (lease TTL %s)%n",
                        acknowledgedAtKill, load.acknowledged.size(), load.committedOnRetry.size(),
                        load.repeatsRefused.size(), events.size(), receptorLedMs, placementLedMs, LEASE_TTL);
            }
        }
        finally {
            children.forEach(ChildJvm::kill);
        }
    }

    private static void assertEveryAcknowledgedDesireRunsOnce(ReceptorClient receptor, Set<String> acknowledged) {
        Map<String, DesiredLrp> desired = receptor.desiredLrps()
            .stream()
            .collect(Collectors.toMap(DesiredLrp::processGuid, Function.identity()));
        assertThat(desired).containsKeys(acknowledged.toArray(String[]::new));
        Map<String, List<ActualLrp>> instances = receptor.actualLrps()
            .stream()
            .filter(instance -> instance.presence() == ActualLrpPresence.ORDINARY)
            .collect(Collectors.groupingBy(ActualLrp::processGuid));
        desired.values().forEach(lrp -> {
            List<Integer> indexes = instances.getOrDefault(lrp.processGuid(), List.of())
                .stream()
                .map(ActualLrp::index)
                .sorted()
                .toList();
            List<Integer> expected = IntStream.range(0, lrp.instances()).boxed().toList();
            assertThat(indexes).as("one instance per index of %s", lrp.processGuid()).isEqualTo(expected);
        });
    }

    /**
     * docs/events.md: ids increase in commit order (they may skip numbers, never go back)
     * and a stream carries every event committed after it opened. So the stream holds, in
     * order, exactly the stored events from its first to its last id, and among them the
     * creation of every acknowledged desire.
     */
    private static void assertStreamComplete(List<RawEvent> events, Map<String, String> database,
            Set<String> acknowledged) {
        List<Long> ids = events.stream().map(RawEvent::id).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        List<Long> stored = jdbc(database).queryForList("SELECT id FROM events WHERE id BETWEEN ? AND ? ORDER BY id",
                Long.class, ids.get(0), ids.get(ids.size() - 1));
        assertThat(ids).as("the stream skips no committed event").isEqualTo(stored);
        List<String> created = events.stream()
            .filter(event -> event.type().equals(DesiredLrpCreated.NAME))
            .map(event -> event.data().at("/desired_lrp/process_guid").asString())
            .toList();
        assertThat(created).doesNotHaveDuplicates().containsAll(acknowledged);
    }

    /** The stream's events up to the last one stored now. */
    private static List<RawEvent> drain(ReceptorEventStream stream, Map<String, String> database)
            throws InterruptedException {
        long last = jdbc(database).queryForObject("SELECT max(id) FROM events", Long.class);
        List<RawEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while ((events.isEmpty() || events.get(events.size() - 1).id() < last) && System.nanoTime() < deadline) {
            RawEvent event = stream.poll(Duration.ofSeconds(1));
            if (event != null) {
                events.add(event);
            }
        }
        assertThat(events).as("the stream reached the last stored event").extracting(RawEvent::id).contains(last);
        return events;
    }

    /**
     * Clients desiring LRPs through both receptors. A call that gets no answer (its
     * replica was killed) is sent again to the other replica, as a client retries an
     * idempotent call: 2xx or 409 (the first attempt committed), never a second record.
     * Every tenth acknowledged desire is sent again, as a client that lost the answer
     * would: 409.
     */
    private static final class Load {

        private final List<ReceptorClient> receptors;

        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

        final Set<String> committedOnRetry = ConcurrentHashMap.newKeySet();

        final Set<String> repeatsRefused = ConcurrentHashMap.newKeySet();

        private final AtomicBoolean unexpected = new AtomicBoolean();

        Load(List<ReceptorClient> receptors) {
            this.receptors = receptors;
        }

        void run(int client) {
            for (int n = 0; n < DESIRES_PER_CLIENT && !unexpected.get(); n++) {
                String guid = "load-" + client + "-" + n;
                DesiredLrp lrp = webApp(guid, 1 + n % 2);
                int target = (client + n) % receptors.size();
                if (desire(lrp, target) && n % 10 == 0) {
                    try {
                        receptors.get(target).desireLrp(lrp);
                        throw new AssertionError("a repeated desire of " + guid + " was accepted");
                    }
                    catch (ReceptorException refused) {
                        assertThat(refused.status()).isEqualTo(409);
                        repeatsRefused.add(guid);
                    }
                    catch (RuntimeException unanswered) {
                        // Its replica was killed meanwhile.
                    }
                }
            }
        }

        /** Whether the desire was acknowledged, retrying on the other replicas. */
        private boolean desire(DesiredLrp lrp, int first) {
            for (int attempt = 0; attempt < 10; attempt++) {
                ReceptorClient receptor = receptors.get((first + attempt) % receptors.size());
                try {
                    receptor.desireLrp(lrp);
                    acknowledged.add(lrp.processGuid());
                    return true;
                }
                catch (ReceptorException answered) {
                    if (attempt > 0 && answered.status() == 409) {
                        committedOnRetry.add(lrp.processGuid());
                        return false;
                    }
                    if (answered.status() < 500) {
                        unexpected.set(true);
                        throw answered;
                    }
                }
                catch (RuntimeException unanswered) {
                    // Killed replica: the next attempt goes to another one.
                }
            }
            return false;
        }

    }

    private static DesiredLrp webApp(String guid, int instances) {
        return ApiFixtures.desiredLrpBuilder(guid).instances(instances).memoryMb(16).diskMb(16).build();
    }

    private record Replica(ChildJvm process, URI uri) {
    }

    private static Replica startReceptor(Path directory, Map<String, String> database, List<ChildJvm> children) {
        Map<String, String> settings = new HashMap<>();
        settings.put("corral.convergence.interval", "1s");
        settings.put("corral.convergence.lease-ttl", LEASE_TTL.toSeconds() + "s");
        return start(directory, database, settings, ReceptorApplication.class, children);
    }

    private static Replica startPlacement(Path directory, Map<String, String> database, Replica receptor,
            List<ChildJvm> children) {
        Map<String, String> settings = new HashMap<>();
        settings.put("corral.receptor.url", receptor.uri().toString());
        settings.put("corral.placement.auction.interval", "1s");
        settings.put("corral.placement.auction.lease-ttl", LEASE_TTL.toSeconds() + "s");
        return start(directory, database, settings, PlacementApplication.class, children);
    }

    /**
     * {@code mainClass} in a JVM of its own on {@code database}, trusting and minting
     * tokens with the test issuer's key (its path only: the key never leaves the file).
     */
    private static Replica start(Path directory, Map<String, String> database, Map<String, String> settings,
            Class<?> mainClass, List<ChildJvm> children) {
        int port = ChildJvm.freePort();
        Map<String, String> all = new HashMap<>(TestTokens.properties());
        all.put("spring.datasource.url", database.get("spring.datasource.url"));
        all.put("spring.datasource.username", database.get("spring.datasource.username"));
        all.put("server.port", Integer.toString(port));
        all.putAll(settings);
        String[] args = all.entrySet()
            .stream()
            .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
            .toArray(String[]::new);
        ChildJvm child = ChildJvm.start(directory,
                Map.of("SPRING_DATASOURCE_PASSWORD", database.getOrDefault("spring.datasource.password", "")),
                mainClass, args);
        children.add(child);
        return new Replica(child, URI.create("http://127.0.0.1:" + port));
    }

    private static void awaitHealthy(Replica replica) {
        Eventually.await(CHILD_START, "the replica answers healthy", () -> {
            if (!replica.process().isAlive()) {
                throw new AssertionError("the replica exited: " + replica.process().output());
            }
            try {
                return new RawHttp(replica.uri()).send("GET", "/actuator/health", null, null).status() == 200;
            }
            catch (RuntimeException notYetListening) {
                return false;
            }
        });
    }

    private static void awaitLeading(Replica replica, String lease) {
        awaitHealthy(replica);
        Eventually.await(TAKE_OVER, "the replica takes the " + lease + " lease", () -> holds(replica, lease));
    }

    /** What the replica's {@code corral_lease_held} gauge says. */
    private static boolean holds(Replica replica, String lease) {
        String metrics = new RawHttp(replica.uri())
            .send("GET", "/actuator/prometheus", TestTokens.withScopes("receptor.read"), null)
            .body();
        return metrics.lines()
            .anyMatch(line -> line.startsWith("corral_lease_held{") && line.contains("lease=\"" + lease + "\"")
                    && line.endsWith(" 1.0"));
    }

    private static ReceptorClient client(Replica receptor) {
        return new ReceptorClient(receptor.uri(), TestTokens::receptorAdmin);
    }

    private static JdbcTemplate jdbc(Map<String, String> database) {
        return new JdbcTemplate(new DriverManagerDataSource(database.get("spring.datasource.url"),
                database.get("spring.datasource.username"), database.getOrDefault("spring.datasource.password", "")));
    }

}
