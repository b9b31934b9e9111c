package io.corral.benchmarks;

import io.corral.placement.PlacementApplication;
import io.corral.placement.auctioneer.AuctioneerProperties;
import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.convergence.ConvergenceProperties;
import io.corral.support.db.PostgresServer;
import io.corral.support.security.DevIssuer;
import io.corral.support.service.CorralService;
import io.corral.support.service.InProcessService;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Scale and chaos: the real receptor and placement service on PostgreSQL, and many cells
 * in this JVM, each the cell agent's own core over the {@code simulated} backend. Desires
 * the apps and times them to all RUNNING; then kills a share of the cells at once and
 * times every instance to RUNNING again on the cells left, counting instances lost or
 * duplicated and the zone skew. Run by hand (see docs/performance.md); it prints one
 * block of figures and writes them as JSON.
 */
public final class CellsBenchmark {

    private static final String ISSUER = "corral-benchmark";

    private static final Duration POLL_PAUSE = Duration.ofSeconds(1);

    private static final Duration CELLS_PRESENT_WITHIN = Duration.ofMinutes(2);

    /** Tries of one read or desire that a busy receptor refuses. */
    private static final int ATTEMPTS = 10;

    /**
     * A desire a busy receptor answers 503 (nothing changed) is sent again after the
     * second it asks for; a 409 to a repeat means an earlier try was committed after all
     * (docs/api.md).
     */
    private static final BusyRetry DESIRE_RETRY = BusyRetry.everySecond(ATTEMPTS);

    private final CellsOptions options;

    private final Instant startedAt = Instant.now();

    private CellsBenchmark(CellsOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        CellsOptions options;
        try {
            options = CellsOptions.parse(args, System.getProperties());
        }
        catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(CellsOptions.USAGE);
            System.exit(2);
            return;
        }
        CellsReport report = new CellsBenchmark(options).run();
        report.print(System.out);
        report.write(options.output());
        System.out.println();
        System.out.println("results written to " + options.output().toAbsolutePath());
        System.exit(report.clean() ? 0 : 1);
    }

    private CellsReport run() {
        double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Path keyFile = InProcessServices.issuerKeyFile("corral-cells-benchmark");
        String token = new DevIssuer(ISSUER, keyFile).mint("benchmark",
                List.of("receptor.read", "receptor.write", "cells.write"), Duration.ofDays(1));
        try (PostgresServer postgres = PostgresServer.machineOrEmbedded();
                InProcessService receptor = start(ReceptorApplication.SERVICE, postgres, keyFile, Map.of());
                InProcessService placement = start(PlacementApplication.SERVICE, postgres, keyFile,
                        Map.of("corral.receptor.url", receptor.uri().toString()))) {
            CellsReport.Setup setup = new CellsReport.Setup(startedAt.toString(), options.cells(), options.zones(),
                    options.apps(), options.instances(), options.killFraction(), options.cellsToKill(),
                    options.ttlSeconds(), options.reconcileSeconds(), options.startDelayMs(), options.seed(),
                    receptor.bean(ConvergenceProperties.class).interval().toMillis() / 1000.0,
                    placement.bean(AuctioneerProperties.class).interval().toMillis() / 1000.0,
                    options.springProperties(), Runtime.getRuntime().availableProcessors(), loadAverage,
                    System.getProperty("java.version"), Runtime.getRuntime().maxMemory());
            HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
            ReceptorClient client = new ReceptorClient(http, receptor.uri(), () -> token);
            ExecutorService clients = Executors.newFixedThreadPool(options.concurrency());
            try (SimulatedCells cells = SimulatedCells.start(options, receptor.uri(), token)) {
                return measure(setup, new Reader(http, receptor, token), client, clients, cells);
            }
            finally {
                clients.shutdownNow();
            }
        }
    }

    private InProcessService start(CorralService service, PostgresServer postgres, Path keyFile,
            Map<String, String> own) {
        String database = postgres.freshDatabase("corral_bench_");
        PlacementBenchmark.progress("booting the %s against %s", service.name(), postgres.url(database));
        Map<String, String> settings = InProcessServices.settings(postgres, database, keyFile, ISSUER);
        settings.putAll(own);
        settings.putAll(options.springProperties());
        return InProcessService.start(service, settings);
    }

    private CellsReport measure(CellsReport.Setup setup, Reader reader, ReceptorClient client, ExecutorService clients,
            SimulatedCells cells) {
        PlacementBenchmark.progress("%,d cells heartbeat (ttl %d s)", options.cells(), options.ttlSeconds());
        long heartbeatStart = System.nanoTime();
        awaitCellsPresent(client);
        double heartbeatSeconds = (System.nanoTime() - heartbeatStart) / 1e9;

        Map<String, Integer> desired = new LinkedHashMap<>();
        for (int app = 0; app < options.apps(); app++) {
            desired.put(String.format(Locale.ROOT, "app-%05d", app), options.instancesOf(app));
        }
        List<Map.Entry<String, Integer>> apps = List.copyOf(desired.entrySet());
        PlacementBenchmark.progress("desiring %,d apps (%,d instances) with %d clients", options.apps(),
                options.instances(), options.concurrency());
        long firstDesire = System.nanoTime();
        LoadPhase.Timing desire = LoadPhase.run(clients, options.concurrency(), apps.size(), a -> DESIRE_RETRY
            .create(() -> client.desireLrp(Workload.desiredLrp(apps.get(a).getKey(), apps.get(a).getValue()))));
        long lastDesire = System.nanoTime();
        PlacementBenchmark.progress("desired in %.1f s (%d errors%s); waiting for every instance to run",
                desire.seconds(), desire.errors(),
                desire.firstError() == null ? "" : ", first: " + desire.firstError());
        CellsReport.Phase toRunning = await("start", reader, desired, cells.zoneOfCell(), Set.of(), firstDesire,
                lastDesire);
        if (!toRunning.complete()) {
            return new CellsReport(setup, heartbeatSeconds, desire, toRunning, null, null, options.diego());
        }

        List<String> doomed = cells.choose(options.cellsToKill(), options.seed());
        Set<String> killed = Set.copyOf(doomed);
        long onKilled = reader.runningOn(killed);
        PlacementBenchmark.progress("killing %,d cells at once (%,d instances RUNNING on them)", killed.size(),
                onKilled);
        long killStart = System.nanoTime();
        cells.kill(doomed);
        double killSeconds = (System.nanoTime() - killStart) / 1e9;
        PlacementBenchmark.progress("the %,d cells stopped in %.2f s; waiting for every instance to run again",
                killed.size(), killSeconds);
        CellsReport.Phase recovery = await("recovery", reader, desired, cells.zoneOfCell(), killed, killStart,
                killStart);
        return new CellsReport(setup, heartbeatSeconds, desire, toRunning,
                new CellsReport.Kill(killed.size(), onKilled, killSeconds, doomed), recovery, options.diego());
    }

    /** Waits for every cell to be present; a busy receptor's refusals are tried again. */
    private void awaitCellsPresent(ReceptorClient client) {
        long deadline = System.nanoTime() + CELLS_PRESENT_WITHIN.toNanos();
        int present = 0;
        while (present < options.cells()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "only " + present + " of " + options.cells() + " cells present after " + CELLS_PRESENT_WITHIN);
            }
            try {
                present = client.cells().size();
            }
            catch (RuntimeException e) {
                PlacementBenchmark.progress("reading the cells failed, trying again: %s", e);
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /**
     * Reads every instance once a second until every index runs (or nothing got better
     * for the stall time), from {@code from}.
     */
    private CellsReport.Phase await(String name, Reader reader, Map<String, Integer> desired,
            Map<String, String> zoneOfCell, Set<String> killed, long from, long lastRequest) {
        long lastProgressAt = System.nanoTime();
        long best = -1;
        long maxDuplicated = 0;
        int polls = 0;
        while (true) {
            long pollStart = System.nanoTime();
            InstanceCensus census = new InstanceCensus(desired, zoneOfCell, killed);
            ActualLrpStream.Result read;
            try {
                read = reader.readAll(options.instances(), instance -> census.add(InstanceCensus.Copy.of(instance)));
            }
            catch (RuntimeException e) {
                // A busy receptor may refuse a read (503): the next one counts.
                PlacementBenchmark.progress("%s: reading every instance failed, trying again: %s", name, e);
                if ((System.nanoTime() - lastProgressAt) / 1e9 > options.stallSeconds()) {
                    throw e;
                }
                sleep(POLL_PAUSE);
                continue;
            }
            InstanceCensus.Outcome outcome = census.outcome();
            polls++;
            long now = System.nanoTime();
            maxDuplicated = Math.max(maxDuplicated, outcome.duplicated());
            if (outcome.running() > best) {
                best = outcome.running();
                lastProgressAt = now;
            }
            boolean stalled = (now - lastProgressAt) / 1e9 > options.stallSeconds();
            PlacementBenchmark.progress(
                    "%s: %,d of %,d instances running, %,d RUNNING on killed cells, %,d duplicated (read %,d in %.1f s)",
                    name, outcome.running(), outcome.indices(), outcome.runningOnKilledCells(), outcome.duplicated(),
                    read.instances(), read.seconds());
            if (outcome.allRunning() || stalled) {
                // A complete read shows the database as it was when the read began.
                long end = outcome.allRunning() ? pollStart : now;
                String note = outcome.allRunning() ? null
                        : String.format(Locale.ROOT, "gave up: no more instances ran for %d s; %,d of %,d run",
                                options.stallSeconds(), outcome.running(), outcome.indices());
                return new CellsReport.Phase(outcome.allRunning(), (end - from) / 1e9, (end - lastRequest) / 1e9, polls,
                        read.seconds(), maxDuplicated, outcome, note);
            }
            sleep(POLL_PAUSE);
        }
    }

    /** Reads every actual LRP from the receptor under test. */
    private record Reader(HttpClient http, InProcessService receptor, String token) {

        /** Every instance, or an exception if the receptor cut its answer short. */
        ActualLrpStream.Result readAll(long expected, Consumer<ActualLrp> each) {
            ActualLrpStream.Result read = ActualLrpStream.readAll(http, receptor.uri(), token, expected, () -> {
            }, each);
            if (!read.whole()) {
                throw new IllegalStateException("GET /v1/actual_lrps was cut short after " + read.instances());
            }
            return read;
        }

        /**
         * Instances the receptor holds RUNNING on these cells; a read a busy receptor
         * refuses is tried again, a few times.
         */
        long runningOn(Set<String> cells) {
            for (int attempt = 1;; attempt++) {
                AtomicLong running = new AtomicLong();
                try {
                    readAll(0, instance -> {
                        if (instance.state() == ActualLrpState.RUNNING && cells.contains(instance.cellId())) {
                            running.incrementAndGet();
                        }
                    });
                    return running.get();
                }
                catch (RuntimeException e) {
                    if (attempt == ATTEMPTS) {
                        throw e;
                    }
                    PlacementBenchmark.progress("reading every instance failed, trying again: %s", e);
                    sleep(POLL_PAUSE);
                }
            }
        }

    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

}
