package io.corral.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.PlacementApplication;
import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.client.RawEvent;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorEventStream;
import io.corral.receptor.client.ReceptorException;
import io.corral.routes.RouteEmitterApplication;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.ServiceJvm;
import io.corral.testsupport.TestPostgres;
import io.corral.testsupport.TestTokens;
import io.corral.testsupport.nats.NatsServer;
import io.corral.testsupport.nats.RouterSpy;
import io.corral.testsupport.nats.RouterSpy.Heard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two hosts, each running a receptor, a placement service and a route emitter, each in a
 * JVM of its own ({@link ServiceJvm}): the receptors on one database, the placement
 * replicas on another, the emitters on a third; each placement replica and emitter talks
 * to the receptor of its host, as it would through a host-local address, and the emitters
 * publish on NATS (the machine's when it answers) to a router ({@link RouterSpy}). The
 * test plays four cells reporting to the second host's receptor: every instance placed on
 * them starts at an address and port of its own.
 *
 * <p>
 * Clients desire routed LRPs through both receptors; the first host, started alone so
 * that it holds the {@code convergence}, {@code auction} and {@code route-emitter}
 * leases, has its three JVMs killed with SIGKILL at once, and while its leases lapse the
 * cells crash instances its emitter had registered. Nothing acknowledged is lost, a
 * retried desire never makes a second record, the second receptor's event stream goes on
 * without a gap, the second host takes every lease and places, starts and routes the
 * work, and the router ends up with exactly the running instances' endpoints, each
 * registered by the second host's emitter after the kill and none of a crashed instance.
 */
class ReplicaKillEndToEndTest {

    private static final Duration LEASE_TTL = Duration.ofSeconds(3);

    /** Three Spring Boot JVMs starting cold at once on a busy machine. */
    private static final Duration CHILD_START = Duration.ofSeconds(180);

    private static final Duration WITHIN = Duration.ofSeconds(90);

    /** The router's register interval: routes are registered again this often. */
    private static final int REGISTER_INTERVAL_SECONDS = 5;

    private static final List<String> LEASES = List.of("convergence", "auction", "route-emitter");

    private static final int CLIENTS = 4;

    private static final int DESIRES_PER_CLIENT = 30;

    private static final int CELLS = 4;

    /** Instances routed before the kill that crash while no emitter leads. */
    private static final int CRASHES = 5;

    /** Hostnames carry it, so routers of other runs sharing the NATS are told apart. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void killingTheLeadingHostLosesNothingAcknowledgedAndRoutesOnlyRunningInstances(@TempDir Path directory)
            throws Exception {
        long began = System.nanoTime();
        Databases databases = new Databases(TestPostgres.freshDataSource(), TestPostgres.freshDataSource(),
                TestPostgres.freshDataSource());
        String nats = NatsServer.shared().url();
        List<ServiceJvm> started = new ArrayList<>();
        try (RouterSpy router = RouterSpy.start(nats, REGISTER_INTERVAL_SECONDS)) {
            Host doomed = Host.start(directory, databases, nats, started);
            doomed.awaitHealthy();
            for (String lease : LEASES) {
                Eventually.await(WITHIN, "the first host takes the " + lease + " lease", () -> doomed.holds(lease));
            }
            Host survivor = Host.start(directory, databases, nats, started);
            survivor.awaitHealthy();
            for (String lease : LEASES) {
                assertThat(survivor.holds(lease)).as("the second host holds %s", lease).isFalse();
            }
            long bootedMs = millisSince(began);

            ReceptorClient receptor = client(survivor.receptor());
            for (int cell = 0; cell < CELLS; cell++) {
                receptor.heartbeat("cell-" + cell, ApiFixtures.cell("cell-" + cell, "z" + cell, List.of(), 3600));
            }
            Cells cells = new Cells(receptor);
            Load load = new Load(List.of(client(doomed.receptor()), receptor));
            ExecutorService workers = Executors.newFixedThreadPool(CLIENTS + 2);
            try (ReceptorEventStream stream = ReceptorEventStream.open(survivor.receptor().uri(),
                    TestTokens::receptorAdmin)) {
                Future<?> cellWork = workers.submit(cells::run);
                receptor.desireLrp(webApp("before-the-load", CRASHES));
                load.acknowledged.add("before-the-load");
                Eventually.await(CHILD_START, "the first app routed by the first host's emitter",
                        () -> routed(receptor, router).size() >= CRASHES);
                List<Future<?>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    clients.add(workers.submit(() -> load.run(client)));
                }
                Eventually.await(WITHIN, "load acknowledged before the kill", () -> load.acknowledged.size() >= 30);

                List<ActualLrp> toCrash = routed(receptor, router).stream().limit(CRASHES).toList();
                doomed.kill();
                long killedAt = System.nanoTime();
                int acknowledgedAtKill = load.acknowledged.size();
                assertThat(doomed.exitsWithin(WITHIN)).as("the first host's JVMs are gone").isTrue();
                long goneAt = System.nanoTime();
                Future<List<ActualLrp>> crashing = workers.submit(() -> cells.crash(toCrash));
                Map<String, Long> ledMs = awaitLeases(survivor, killedAt);
                List<ActualLrp> crashed = crashing.get();

                for (Future<?> client : clients) {
                    client.get();
                }
                receptor.desireLrp(webApp("after-the-kill", 3));
                load.acknowledged.add("after-the-kill");

                Eventually.untilPasses(WITHIN, () -> assertRoutersHaveExactlyTheRunningInstances(receptor,
                        heardAfter(router, 0), heardAfter(router, goneAt), crashed, cells.errors));
                cells.stop();
                cellWork.get();
                assertEveryAcknowledgedDesireRunsOnce(receptor, load.acknowledged);
                assertThat(receptor.desiredLrps()).extracting(DesiredLrp::processGuid)
                    .as("desires found committed on a retry")
                    .containsAll(load.committedOnRetry);
                List<RawEvent> events = drain(stream, databases.receptor());
                assertStreamComplete(events, databases.receptor(), load.acknowledged);

                System.out.printf(
                        "replicas killed with %d desires acknowledged; %d acknowledged in all (%d found committed on a"
                                + " retry, %d retries of acknowledged desires answered 409), %d events streamed,"
                                + " %d instances started by the cells, %d crashed while the leases lapsed, %d endpoints"
                                + " routed at the end; from the kill the second host led convergence in %d ms,"
                                + " auction in %d ms, route-emitter in %d ms (lease TTL %s), its emitter then %s; six JVMs"
                                + " booted in %d ms, the test took %d ms%n",
                        acknowledgedAtKill, load.acknowledged.size(), load.committedOnRetry.size(),
                        load.repeatsRefused.size(), events.size(), cells.started.get(), crashed.size(),
                        endpointsOf(receptor.actualLrps()).values().stream().mapToInt(Set::size).sum(),
                        ledMs.get("convergence"), ledMs.get("auction"), ledMs.get("route-emitter"), LEASE_TTL,
                        survivor.takeOverLine(), bootedMs, millisSince(began));
            }
            finally {
                cells.stop();
                workers.shutdownNow();
            }
        }
        finally {
            started.forEach(ServiceJvm::close);
        }
    }

    /**
     * Polls the second host's gauges until it holds every lease; the time from the kill
     * at which each was first seen held.
     */
    private static Map<String, Long> awaitLeases(Host survivor, long killedAt) {
        Map<String, Long> ledMs = new ConcurrentHashMap<>();
        Eventually.await(WITHIN, "the second host takes every lease", () -> {
            for (String lease : LEASES) {
                if (!ledMs.containsKey(lease) && survivor.holds(lease)) {
                    ledMs.put(lease, millisSince(killedAt));
                }
            }
            return ledMs.keySet().containsAll(LEASES);
        });
        return ledMs;
    }

    /**
     * Every instance runs; the router's table (the messages it heard, in order) holds for
     * each app exactly the endpoints of its running instances, each registered again
     * after the first host was gone, and none of an instance that crashed.
     */
    private void assertRoutersHaveExactlyTheRunningInstances(ReceptorClient receptor, List<Heard> heard,
            List<Heard> heardFromTheSurvivor, List<ActualLrp> crashed, List<String> cellErrors) {
        List<ActualLrp> instances = receptor.actualLrps();
        assertThat(instances).as("every instance placed and started (the cells' errors: %s)", cellErrors)
            .allMatch(instance -> instance.state() == ActualLrpState.RUNNING
                    && instance.presence() == ActualLrpPresence.ORDINARY);
        Map<String, Set<String>> running = endpointsOf(instances);
        Map<String, Set<String>> routed = running.keySet()
            .stream()
            .collect(Collectors.toMap(Function.identity(), hostname -> addresses(heard, hostname)));
        assertThat(routed).as("what the router routes, by hostname").isEqualTo(running);
        running.forEach((hostname, endpoints) -> assertThat(addresses(heardFromTheSurvivor, hostname))
            .as("%s registered by the second host's emitter", hostname)
            .containsAll(endpoints));
        crashed.forEach(instance -> assertThat(routed.get(hostname(instance.processGuid())))
            .as("the crashed instance's endpoint is not routed")
            .doesNotContain(Platform.endpoint(instance)));
    }

    /** The endpoints a router that heard {@code heard} has for {@code hostname}. */
    private static Set<String> addresses(List<Heard> heard, String hostname) {
        return RouterTable.of(heard, hostname)
            .endpoints()
            .stream()
            .map(RouterTable.Endpoint::address)
            .collect(Collectors.toSet());
    }

    /** The running instances' endpoints, by hostname. */
    private Map<String, Set<String>> endpointsOf(List<ActualLrp> instances) {
        return instances.stream()
            .filter(instance -> instance.state() == ActualLrpState.RUNNING)
            .collect(Collectors.groupingBy(instance -> hostname(instance.processGuid()),
                    Collectors.mapping(Platform::endpoint, Collectors.toSet())));
    }

    /** The running instances whose endpoint the router has now. */
    private List<ActualLrp> routed(ReceptorClient receptor, RouterSpy router) {
        List<Heard> heard = heardAfter(router, 0);
        return receptor.actualLrps()
            .stream()
            .filter(instance -> instance.state() == ActualLrpState.RUNNING
                    && addresses(heard, hostname(instance.processGuid())).contains(Platform.endpoint(instance)))
            .toList();
    }

    /**
     * The messages of this run the router heard after {@code nanoTime} (0: all of them).
     */
    private List<Heard> heardAfter(RouterSpy router, long nanoTime) {
        return router.heard()
            .stream()
            .filter(heard -> heard.payload().contains(run) && (nanoTime == 0 || heard.atNanos() - nanoTime > 0))
            .toList();
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
    private final class Load {

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

    /**
     * The cells, as the test plays them: each instance placed on one starts at once at
     * the cell's address on a host port of its own, reported to the second host's
     * receptor.
     */
    private static final class Cells {

        private final ReceptorClient receptor;

        private final AtomicInteger ports = new AtomicInteger(61000);

        final AtomicInteger started = new AtomicInteger();

        final List<String> errors = new CopyOnWriteArrayList<>();

        private volatile boolean stopped;

        Cells(ReceptorClient receptor) {
            this.receptor = receptor;
        }

        void run() {
            while (!stopped) {
                try {
                    receptor.actualLrps()
                        .stream()
                        .filter(instance -> instance.state() == ActualLrpState.UNCLAIMED && instance.cellId() != null)
                        .forEach(this::start);
                    TimeUnit.MILLISECONDS.sleep(200);
                }
                catch (InterruptedException e) {
                    return;
                }
                catch (RuntimeException e) {
                    errors.add(e.toString());
                }
            }
        }

        private void start(ActualLrp placed) {
            int port = ports.getAndAdd(2);
            try {
                receptor.transition(placed.cellId(), placed.processGuid(), placed.index(), "start",
                        new InstanceTransition(placed.instanceGuid(), placed.modificationTag(),
                                "10.40.0." + (1 + Integer.parseInt(placed.cellId().substring("cell-".length()))),
                                List.of(new PortMapping(8080, port), new PortMapping(2222, port + 1)), null, null));
                started.incrementAndGet();
            }
            catch (ReceptorException conflict) {
                if (conflict.status() != 409) {
                    errors.add(conflict.toString());
                }
                // 409: placed again meanwhile; the next round starts it where it is now.
            }
        }

        /** Crashes {@code running}; those that changed meanwhile are left out. */
        List<ActualLrp> crash(List<ActualLrp> running) {
            List<ActualLrp> crashed = new ArrayList<>();
            for (ActualLrp instance : running) {
                try {
                    receptor.transition(instance.cellId(), instance.processGuid(), instance.index(), "crash",
                            new InstanceTransition(instance.instanceGuid(), instance.modificationTag(), null, null,
                                    "exited", null));
                    crashed.add(instance);
                }
                catch (ReceptorException changedMeanwhile) {
                    assertThat(changedMeanwhile.status()).isEqualTo(409);
                }
            }
            return crashed;
        }

        void stop() {
            stopped = true;
        }

    }

    /** The JVMs of one host, each service's replica pointed at the receptor beside it. */
    private record Host(ServiceJvm receptor, ServiceJvm placement, ServiceJvm emitter) {

        /** Starts the three at once: the others wait for the receptor as they would. */
        static Host start(Path directory, Databases databases, String nats, List<ServiceJvm> started) {
            ServiceJvm receptor = ServiceJvm.start(directory, ReceptorApplication.class, databases.receptor(),
                    forABusyMachine(
                            Map.of("corral.convergence.interval", "1s", "corral.convergence.lease-ttl", ttl())));
            started.add(receptor);
            String receptorUrl = receptor.uri().toString();
            ServiceJvm placement = ServiceJvm.start(directory, PlacementApplication.class, databases.placement(),
                    forABusyMachine(Map.of("corral.receptor.url", receptorUrl, "corral.placement.auction.interval",
                            "1s", "corral.placement.auction.lease-ttl", ttl())));
            started.add(placement);
            ServiceJvm emitter = ServiceJvm.start(directory, RouteEmitterApplication.class, databases.emitter(),
                    forABusyMachine(Map.of("corral.receptor.url", receptorUrl, "corral.routes.nats.servers[0]", nats,
                            "corral.routes.lease-ttl", ttl())));
            started.add(emitter);
            return new Host(receptor, placement, emitter);
        }

        /**
         * {@code settings}, logging Corral's own lines only as the cell agents here do,
         * and logging in to the database within 10 s rather than 2: three JVMs running
         * their migrations at once on a busy machine may take longer than a service's
         * default allows, and a service that cannot log in at boot exits.
         */
        private static Map<String, String> forABusyMachine(Map<String, String> settings) {
            Map<String, String> all = new LinkedHashMap<>(settings);
            all.put("logging.level.root", "WARN");
            all.put("logging.level.io.corral", "INFO");
            all.put("spring.datasource.hikari.data-source-properties.loginTimeout", "10");
            return all;
        }

        private static String ttl() {
            return LEASE_TTL.toSeconds() + "s";
        }

        /**
         * Every JVM's health is UP, which for placement and the emitter includes having
         * read the receptor once: a standby emitter's table then holds every route the
         * leader sends, so it can unregister those that change while no one leads.
         */
        void awaitHealthy() {
            List.of(receptor, placement, emitter).forEach(replica -> replica.awaitHealthy(CHILD_START));
        }

        boolean holds(String lease) {
            return switch (lease) {
                case "convergence" -> receptor.holds(lease);
                case "auction" -> placement.holds(lease);
                default -> emitter.holds(lease);
            };
        }

        /** What the emitter logged of the unregisters it held back, on taking over. */
        String takeOverLine() {
            return emitter.output()
                .lines()
                .filter(line -> line.contains("took over:"))
                .map(line -> line.substring(line.indexOf("took over:")))
                .findFirst()
                .orElse("held back no unregister");
        }

        /** SIGKILL to the three at once, as a host that loses its power. */
        void kill() {
            List.of(receptor, placement, emitter).forEach(ServiceJvm::kill);
        }

        boolean exitsWithin(Duration limit) {
            return List.of(receptor, placement, emitter)
                .stream()
                .filter(replica -> !replica.exitsWithin(limit))
                .count() == 0;
        }

    }

    private record Databases(Map<String, String> receptor, Map<String, String> placement, Map<String, String> emitter) {
    }

    /** A web app of {@code instances} routed at its {@link #hostname(String)}. */
    private DesiredLrp webApp(String guid, int instances) {
        return ApiFixtures.desiredLrpBuilder(guid)
            .instances(instances)
            .memoryMb(16)
            .diskMb(16)
            .routes(Map.of("cf-router", Platform.httpRoute(hostname(guid))))
            .build();
    }

    private String hostname(String processGuid) {
        return processGuid + "." + run + ".replicas.example.com";
    }

    private static ReceptorClient client(ServiceJvm receptor) {
        return new ReceptorClient(receptor.uri(), TestTokens::receptorAdmin);
    }

    private static JdbcTemplate jdbc(Map<String, String> database) {
        return new JdbcTemplate(new DriverManagerDataSource(database.get("spring.datasource.url"),
                database.get("spring.datasource.username"), database.getOrDefault("spring.datasource.password", "")));
    }

    private static long millisSince(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime).toMillis();
    }

}
