package io.corral.benchmarks;

import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ApiPatterns;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.AssignmentBatch;
import io.corral.receptor.api.AssignmentResults;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.LrpAssignment;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.CellList;
import io.corral.receptor.client.ReceptorClient;
import io.corral.support.db.PostgresServer;
import io.corral.support.security.DevIssuer;
import io.corral.support.service.InProcessService;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Measures the receptor through its HTTP API against PostgreSQL: desiring LRPs,
 * assigning, claiming and starting every instance, its cheapest authenticated request,
 * assigning as many instances again in batches, streaming all instances back; then runs
 * pgbench on the same server as a yardstick. Run by hand (see docs/performance.md); it
 * prints a table and writes JSON.
 */
public final class ReceptorBenchmark {

    private static final String ISSUER = "corral-benchmark";

    private static final int CELLS = 10;

    private static final int CELL_TTL_SECONDS = 3600;

    private static final int WARMUP_BATCHED_LRPS = 1000;

    private static final int PGBENCH_THREADS = 2;

    private static final int THREAD_GROUPS_SHOWN = 5;

    private static final int CPUS = Runtime.getRuntime().availableProcessors();

    private final BenchmarkOptions options;

    private final Instant startedAt = Instant.now();

    private DatabaseProbe database;

    private ReceptorBenchmark(BenchmarkOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args, System.getProperties());
        }
        catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        BenchmarkReport report = new ReceptorBenchmark(options).run();
        report.print(System.out);
        report.write(options.output());
        System.out.println();
        System.out.println("results written to " + options.output().toAbsolutePath());
        System.exit(report.confirmed() ? 0 : 1);
    }

    private BenchmarkReport run() {
        try (PostgresServer postgres = PostgresServer.machineOrEmbedded()) {
            return run(postgres);
        }
    }

    private BenchmarkReport run(PostgresServer postgres) {
        double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String databaseName = postgres.freshDatabase("corral_bench_");
        String databaseUrl = postgres.url(databaseName);
        database = new DatabaseProbe(postgres, databaseName);
        Path keyFile = InProcessServices.issuerKeyFile("corral-benchmark");
        String token = new DevIssuer(ISSUER, keyFile).mint("benchmark",
                List.of("receptor.read", "receptor.write", "cells.write"), Duration.ofDays(1));
        Map<String, String> settings = InProcessServices.settings(postgres, databaseName, keyFile, ISSUER);
        // The benchmark plays the cells, and claims an instance only after all were
        // assigned: far
        // later than a real cell would, so convergence must not take the assignments back
        // meanwhile.
        settings.put("corral.convergence.placement-timeout", "24h");
        settings.putAll(options.receptorProperties());
        progress("booting the receptor against %s", databaseUrl);
        try (InProcessService receptor = InProcessService.start(ReceptorApplication.SERVICE, settings)) {
            HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
            SocketHttpClient sockets = new SocketHttpClient(receptor.uri());
            ReceptorClient client = new ReceptorClient(options.client().equals("jdk") ? http : sockets, receptor.uri(),
                    () -> token);
            ExecutorService clients = Executors.newFixedThreadPool(options.concurrency());
            ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
            try {
                heartbeats.scheduleAtFixedRate(() -> heartbeatCells(client), CELL_TTL_SECONDS / 3, CELL_TTL_SECONDS / 3,
                        TimeUnit.SECONDS);
                heartbeatCells(client);
                int warmUpLrps = Math.min(options.warmUpLrps(), options.lrps());
                warmUp(client, clients, warmUpLrps);

                Lrps lrps = new Lrps("bench", options.lrps(), options.instances());
                ActualLrp[] assigned = new ActualLrp[lrps.total()];
                List<BenchmarkReport.Phase> phases = new ArrayList<>(List.of(
                        measure(clients, "desire", "POST /v1/desired_lrps (" + options.instances() + " inst)",
                                options.instances(), lrps.count(), lrps.desire(client)),
                        measure(clients, "assign", "POST .../assignment", 1, lrps.total(),
                                lrps.assign(client, assigned)),
                        measure(clients, "claim+start", "POST claim, then POST start", 1, lrps.total(),
                                lrps.claimAndStart(client, assigned)),
                        measure(clients, "cells-304", "GET /v1/cells, 304 (writes nothing)", 0, lrps.total(),
                                unchangedCells(client))));
                phases.add(measureBatchAssignment(client, clients));
                BenchmarkReport.StreamPhase stream = streamAll(http, receptor.uri(), token);
                BenchmarkReport.Setup setup = setup(loadAverage, warmUpLrps, databaseUrl, receptor);
                progress("running pgbench for %d s", options.pgbenchSeconds());
                PgBench.Result pgbench = PgBench.run(postgres, options.concurrency(), PGBENCH_THREADS,
                        options.pgbenchSeconds());
                return new BenchmarkReport(setup, phases, stream, pgbench);
            }
            finally {
                heartbeats.shutdownNow();
                clients.shutdownNow();
                sockets.close();
            }
        }
    }

    /**
     * Runs every kind of request thousands of times first, so the JIT has compiled what
     * is measured: code a request runs once reaches the second tier only after some 5,000
     * to 15,000 runs, and with a warm-up of 100 LRPs the second tier's compilers were
     * still at work in every phase measured. The cycle runs {@code --warm-up-rounds}
     * times: after one, a method the JIT compiled in one phase was still compiled again
     * in a measured phase that took a branch it had not taken (docs/performance.md).
     */
    private void warmUp(ReceptorClient client, ExecutorService clients, int warmUpLrps) {
        for (int round = 1; round <= options.warmUpRounds(); round++) {
            progress("warming up with %d LRPs, round %d of %d", warmUpLrps, round, options.warmUpRounds());
            warmUpRound(client, clients, warmUpLrps, "warmup-" + round);
        }
    }

    private void warmUpRound(ReceptorClient client, ExecutorService clients, int warmUpLrps, String name) {
        Lrps warmup = new Lrps(name, warmUpLrps, options.instances());
        ActualLrp[] assigned = new ActualLrp[warmup.total()];
        int concurrency = options.concurrency();
        LoadPhase.run(clients, concurrency, warmup.count(), warmup.desire(client));
        LoadPhase.run(clients, concurrency, warmup.total(), warmup.assign(client, assigned));
        LoadPhase.run(clients, concurrency, warmup.total(), warmup.claimAndStart(client, assigned));
        LoadPhase.run(clients, concurrency, warmup.count(), warmup.remove(client));
        LoadPhase.run(clients, concurrency, warmup.total(), unchangedCells(client));
        // Batches are few and large: their path is warmed up on the instances of 1,000
        // LRPs, whatever the warm-up's size.
        Lrps batched = new Lrps(name + "-batched", Math.min(options.lrps(), WARMUP_BATCHED_LRPS), options.instances());
        LoadPhase.run(clients, concurrency, batched.count(), batched.desire(client));
        LoadPhase.run(clients, concurrency, batched.batches(), batched.assignInBatches(client));
        LoadPhase.run(clients, concurrency, batched.count(), batched.remove(client));
    }

    /**
     * The placement service's batch endpoint, on as many instances as the other phases: a
     * second set of LRPs is desired before the measurement and removed after it, so the
     * stream sees only the first.
     */
    private BenchmarkReport.Phase measureBatchAssignment(ReceptorClient client, ExecutorService clients) {
        Lrps batched = new Lrps("batched", options.lrps(), options.instances());
        progress("desiring %,d more LRPs to assign in batches", batched.count());
        LoadPhase.run(clients, options.concurrency(), batched.count(), batched.desire(client));
        BenchmarkReport.Phase phase = measure(clients, "assign-batch",
                "POST /v1/assignments (" + batched.batchSize() + " inst)", batched.batchSize(), batched.batches(),
                batched.assignInBatches(client));
        progress("removing the LRPs assigned in batches");
        LoadPhase.run(clients, options.concurrency(), batched.count(), batched.remove(client));
        return phase;
    }

    private BenchmarkReport.Phase measure(ExecutorService clients, String name, String operation, int instancesPerOp,
            int count, IntConsumer op) {
        progress("%s: %,d ops", name, count);
        database.vacuum();
        DatabaseProbe.Counters before = database.settledCounters();
        database.checkpoint();
        DatabaseProbe.Wal walBefore = database.wal();
        CpuUsage cpuBefore = CpuUsage.now();
        // PostgreSQL's side is counted by the database's own statistics, below.
        PhaseCpu threadsBefore = PhaseCpu.now(List.of());
        LoadPhase.Timing timing;
        Map<String, Double> sessions;
        try (DatabaseProbe.WaitSampler waits = database.sampleWaits()) {
            timing = LoadPhase.run(clients, options.concurrency(), count, op);
            sessions = waits.averageSessions();
        }
        CpuUsage cpuAfter = CpuUsage.now();
        PhaseCpu.Used byThread = PhaseCpu.now(List.of()).since(threadsBefore);
        DatabaseProbe.Wal wal = database.wal().minus(walBefore);
        progress("%s: %s; waiting for PostgreSQL's statistics to settle", name, timing);
        DatabaseProbe.Counters db = database.settledCounters().minus(before);
        double ops = timing.operations();
        return new BenchmarkReport.Phase(name, operation, instancesPerOp, timing, db.commits() / ops,
                (db.inserted() + db.updated() + db.deleted()) / ops, db.rollbacks(), wal.position() / ops,
                wal.checkpoints(), cpuAfter.jvmSecondsSince(cpuBefore) * 1000 / ops,
                cpuAfter.otherSecondsSince(cpuBefore, CPUS) * 1000 / ops, cpuAfter.machineBusyPercentSince(cpuBefore),
                sessions, byThread.millisPerRequestByGroup(timing.operations(), THREAD_GROUPS_SHOWN));
    }

    /**
     * The cheapest authenticated request: a reader that already holds the cell list asks
     * for it again and is answered 304. It goes through what a single transition goes
     * through (the connection, the token and scope checks, the handler mapping, one small
     * query) but a body to read, a write and an answer to write, so its rate is about the
     * most a single transition could reach through the same stack.
     */
    private static IntConsumer unchangedCells(ReceptorClient client) {
        CellList known = client.cells(null);
        return i -> {
            if (client.cells(known) != known) {
                throw new IllegalStateException("the cell list changed; expected 304 Not Modified");
            }
        };
    }

    private BenchmarkReport.StreamPhase streamAll(HttpClient http, URI baseUri, String token) {
        progress("streaming all %,d actual LRPs", options.totalInstances());
        long[] liveHalfway = new long[1];
        try (HeapProbe heap = new HeapProbe()) {
            ActualLrpStream.Result result = ActualLrpStream.readAll(http, baseUri, token, options.totalInstances(),
                    () -> liveHalfway[0] = heap.liveHeap());
            return BenchmarkReport.StreamPhase.of(options.totalInstances(), result, heap, liveHalfway[0]);
        }
    }

    private BenchmarkReport.Setup setup(double loadAverage, int warmUpLrps, String databaseUrl,
            InProcessService receptor) {
        URI server = URI.create(databaseUrl.substring("jdbc:".length()));
        return new BenchmarkReport.Setup(startedAt.toString(), options.lrps(), options.instances(),
                options.concurrency(), options.client(), warmUpLrps, options.warmUpRounds(), CPUS, loadAverage,
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory(), database.serverVersion(),
                server.getHost() + ":" + server.getPort(), database.synchronousCommit(),
                InProcessServices.connectionPoolSize(receptor));
    }

    private static void heartbeatCells(ReceptorClient client) {
        for (int c = 0; c < CELLS; c++) {
            client.heartbeat(cellId(c), Workload.cell(cellId(c), CELL_TTL_SECONDS));
        }
    }

    private static String cellId(int c) {
        return "cell-" + c;
    }

    private static void progress(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, "[%tT] ", Instant.now().toEpochMilli())
                + String.format(Locale.ROOT, format, args));
    }

    /**
     * {@code count} LRPs of {@code instances} each; op number {@code i} of an
     * instance-level phase is index {@code i % instances} of LRP {@code i / instances}.
     */
    private record Lrps(String prefix, int count, int instances) {

        int total() {
            return count * instances;
        }

        /**
         * {@code prefix-00042}: not through {@code String.format}, which looked up the
         * locale's digits at every call and took a third of the clients' CPU in the
         * desire phase.
         */
        String processGuid(int lrp) {
            String number = Integer.toString(lrp);
            return prefix + "-" + "0".repeat(Math.max(0, 5 - number.length())) + number;
        }

        IntConsumer desire(ReceptorClient client) {
            return i -> client.desireLrp(Workload.desiredLrp(processGuid(i), instances));
        }

        IntConsumer remove(ReceptorClient client) {
            return i -> client.removeDesiredLrp(processGuid(i));
        }

        /**
         * Instances per batch: as many as one request takes (the last batch may hold
         * fewer).
         */
        int batchSize() {
            return Math.min(ApiPatterns.MAX_ASSIGNMENTS, total());
        }

        int batches() {
            return (total() + batchSize() - 1) / batchSize();
        }

        /**
         * Op number {@code b} assigns instances {@code b * batchSize()} on, round the
         * cells, in one request.
         */
        IntConsumer assignInBatches(ReceptorClient client) {
            return b -> {
                List<LrpAssignment> batch = new ArrayList<>(batchSize());
                for (int i = b * batchSize(); i < Math.min((b + 1) * batchSize(), total()); i++) {
                    batch.add(new LrpAssignment(processGuid(i / instances), i % instances, null, cellId(i % CELLS),
                            null));
                }
                AssignmentResults results = client.assign(new AssignmentBatch(batch, List.of()));
                results.actualLrps().stream().filter(r -> r.error() != null).findFirst().ifPresent(r -> {
                    throw new IllegalStateException(
                            "instance " + r.index() + " of " + r.processGuid() + ": " + r.error().message());
                });
            };
        }

        /** The placement decision: instances go round the cells. */
        IntConsumer assign(ReceptorClient client, ActualLrp[] assigned) {
            return i -> assigned[i] = client.assign(processGuid(i / instances), i % instances,
                    new Assignment(null, cellId(i % CELLS), null));
        }

        /** What a cell reports for an instance it was given: claimed, then running. */
        IntConsumer claimAndStart(ReceptorClient client, ActualLrp[] assigned) {
            return i -> {
                ActualLrp instance = assigned[i];
                assigned[i] = null;
                ActualLrp claimed = client.transition(instance.cellId(), instance.processGuid(), instance.index(),
                        "claim", new InstanceTransition(instance.instanceGuid(), instance.modificationTag(), null, null,
                                null, null));
                client.transition(instance.cellId(), instance.processGuid(), instance.index(), "start",
                        new InstanceTransition(claimed.instanceGuid(), claimed.modificationTag(),
                                "10.0." + (i / 250 % 250) + "." + (i % 250 + 1),
                                List.of(new PortMapping(8080, 61000 + instance.index())), null, null));
            };
        }
    }

}
