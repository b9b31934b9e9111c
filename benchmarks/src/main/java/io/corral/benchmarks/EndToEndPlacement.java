package io.corral.benchmarks;

import io.corral.placement.PlacementApplication;
import io.corral.placement.auction.CellSpec;
import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellCapacity;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorEventFollower;
import io.corral.support.db.PostgresServer;
import io.corral.support.security.DevIssuer;
import io.corral.support.service.InProcessService;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The problem placed by the real services: a receptor and a placement service booted in
 * this JVM, each on its own database, trusting one development issuer. The cells
 * heartbeat, the processes are desired as LRPs by a pool of concurrent clients, and the
 * benchmark follows the receptor's event stream until each instance has a cell; then it
 * desires single LRPs one at a time and times each one's placement the same way.
 */
final class EndToEndPlacement {

    private static final String ISSUER = "corral-benchmark";

    private static final int CELL_TTL_SECONDS = 3600;

    private static final Duration FOLLOW_WITHIN = Duration.ofSeconds(60);

    /**
     * How long one single LRP may take to get its cells before it counts as not placed.
     */
    private static final Duration SINGLE_LRP_TIMEOUT = Duration.ofSeconds(30);

    private EndToEndPlacement() {
    }

    /**
     * @param warmUp what was placed and removed before the timed run
     * @param retries requests sent again because the receptor was too busy (503) or did
     * not answer
     * @param complete whether every instance got a cell
     * @param assigned instances with a cell, as the event stream told it
     * @param secondsFirstDesireToAllAssigned from the first desire request to the event
     * that gave the last instance its cell (or, if not complete, to giving up)
     * @param secondsLastDesireToAllAssigned from the answer to the last desire request to
     * that event
     * @param instancesPerSecond instances over secondsFirstDesireToAllAssigned
     * @param cpu the CPU used from the first desire until the benchmark saw every
     * instance on a cell (or gave up): the JVM's (both services and the benchmark) by
     * thread group, and the PostgreSQL backends of both services' databases
     * @param resyncs reads of every instance the event stream needed: 1 (its first
     * connect) unless events were lost
     * @param check the placements read back from the receptor once every instance had a
     * cell
     * @param singleLrps the single LRPs desired one at a time afterwards; null if none
     */
    record Result(int cells, int processes, int instances, double heartbeatSeconds, WarmUp warmUp,
            LoadPhase.Timing desire, long retries, boolean complete, long assigned, long withPlacementError,
            Map<String, Long> placementErrors, double secondsFirstDesireToAllAssigned,
            double secondsLastDesireToAllAssigned, double instancesPerSecond, PhaseCpu.Used cpu, int resyncs,
            double checkReadSeconds, PlacementCheck.Outcome check, SingleLrps singleLrps, String note) {
    }

    /**
     * LRPs desired, placed and removed again before the timed run, untimed.
     *
     * @param seconds from the first desire until the last instance was gone again
     */
    record WarmUp(int lrps, int instances, double seconds) {
    }

    /**
     * One LRP after the other, each desired once the one before had its cells (and a
     * pause had passed), on a receptor holding {@code receptorInstances}: the time from
     * its desire request to the event giving its last instance a cell.
     *
     * @param placed LRPs whose every instance got a cell within 30 s
     * @param desireP50Ms the desire request alone, until its answer
     */
    record SingleLrps(int lrps, int instancesEach, int pauseMs, long receptorInstances, int placed, int errors,
            double p50Ms, double p95Ms, double p99Ms, double maxMs, double desireP50Ms, double desireP99Ms,
            String firstError) {

        boolean complete() {
            return placed == lrps;
        }
    }

    static Result run(PlacementProblem problem, PlacementOptions options) {
        Path keyFile = InProcessServices.issuerKeyFile("corral-placement-benchmark");
        String token = new DevIssuer(ISSUER, keyFile).mint("benchmark",
                List.of("receptor.read", "receptor.write", "cells.write"), Duration.ofDays(1));
        try (PostgresServer postgres = PostgresServer.machineOrEmbedded()) {
            List<String> databases = List.of(postgres.freshDatabase("corral_bench_"),
                    postgres.freshDatabase("corral_bench_"));
            return run(problem, options, postgres, databases, keyFile, token);
        }
    }

    private static Result run(PlacementProblem problem, PlacementOptions options, PostgresServer postgres,
            List<String> databases, Path keyFile, String token) {
        try (InProcessService receptor = startReceptor(postgres, databases.get(0), keyFile);
                InProcessService placement = startPlacement(postgres, databases.get(1), keyFile, receptor, options)) {
            HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
            ReceptorClient client = new ReceptorClient(http, receptor.uri(), () -> token);
            AssignmentWatch watch = new AssignmentWatch(
                    each -> ActualLrpStream.readAll(http, receptor.uri(), token, 0, () -> {
                    }, each));
            ExecutorService clients = Executors.newFixedThreadPool(options.concurrency());
            ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
            try (ReceptorEventFollower events = ReceptorEventFollower.start(client, watch)) {
                watch.awaitFollowing(FOLLOW_WITHIN);
                return measure(problem, options, http, receptor, client, token, watch, clients, heartbeats, databases);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            finally {
                heartbeats.shutdownNow();
                clients.shutdownNow();
            }
        }
    }

    private static InProcessService startReceptor(PostgresServer postgres, String database, Path keyFile) {
        PlacementBenchmark.progress("end to end: booting the receptor against %s", postgres.url(database));
        Map<String, String> settings = InProcessServices.settings(postgres, database, keyFile, ISSUER);
        return InProcessService.start(ReceptorApplication.SERVICE, settings);
    }

    /**
     * Trusts the benchmark's issuer, and mints its own receptor token with the same key.
     */
    private static InProcessService startPlacement(PostgresServer postgres, String database, Path keyFile,
            InProcessService receptor, PlacementOptions options) {
        PlacementBenchmark.progress("end to end: booting the placement service against %s", postgres.url(database));
        Map<String, String> settings = InProcessServices.settings(postgres, database, keyFile, ISSUER);
        settings.put("corral.receptor.url", receptor.uri().toString());
        settings.putAll(options.placementProperties());
        return InProcessService.start(PlacementApplication.SERVICE, settings);
    }

    private static Result measure(PlacementProblem problem, PlacementOptions options, HttpClient http,
            InProcessService receptor, ReceptorClient client, String token, AssignmentWatch watch,
            ExecutorService clients, ScheduledExecutorService heartbeats, List<String> databases)
            throws InterruptedException {
        BusyRetry retry = BusyRetry.standard();
        List<CellSpec> cells = problem.cells();
        PlacementBenchmark.progress("end to end: %,d cells heartbeat", cells.size());
        LoadPhase.Timing heartbeat = LoadPhase.run(clients, options.concurrency(), cells.size(),
                c -> retry.put(() -> heartbeat(client, cells.get(c))));
        requireNoErrors("cell heartbeats", heartbeat);
        // Cells live an hour at most; a longer run heartbeats them again.
        heartbeats.scheduleAtFixedRate(
                () -> LoadPhase.run(clients, options.concurrency(), cells.size(),
                        c -> retry.put(() -> heartbeat(client, cells.get(c)))),
                CELL_TTL_SECONDS / 3, CELL_TTL_SECONDS / 3, TimeUnit.SECONDS);

        List<PlacementProblem.Process> processes = problem.processes();
        WarmUp warmUp = warmUp(processes.subList(0, Math.min(options.warmUpLrps(), processes.size())), options, client,
                watch, clients);
        int total = problem.totalInstances();
        PlacementBenchmark.progress("end to end: desiring %,d LRPs (%,d instances) with %d clients", processes.size(),
                total, options.concurrency());
        PhaseCpu cpuAtFirstDesire = PhaseCpu.now(databases);
        long firstDesire = System.nanoTime();
        LoadPhase.Timing desire = LoadPhase.run(clients, options.concurrency(), processes.size(),
                p -> retry.create(() -> client.desireLrp(desiredLrp(processes.get(p), processes.get(p).guid()))));
        long lastDesire = System.nanoTime();
        PlacementBenchmark.progress(
                "end to end: desired in %.1f s (%d errors%s, %d requests sent again); waiting for every instance "
                        + "to get a cell",
                desire.seconds(), desire.errors(), desire.firstError() == null ? "" : ", first: " + desire.firstError(),
                retry.retries());

        boolean complete = watch.awaitAssigned(total, Duration.ofSeconds(options.endToEndStallSeconds()));
        PhaseCpu.Used cpu = PhaseCpu.now(databases).since(cpuAtFirstDesire);
        // The event that gave the last instance its cell; giving up, the moment of it.
        long end = complete ? watch.lastAssignedAt() : System.nanoTime();
        double fromFirst = (end - firstDesire) / 1e9;
        double fromLast = (end - lastDesire) / 1e9;
        int assigned = watch.assigned();
        Map<String, Long> placementErrors = watch.placementErrors();
        PlacementBenchmark.progress("end to end: %s: %,d of %,d instances on a cell %.1f s after the first desire",
                complete ? "complete" : "gave up", assigned, total, fromFirst);

        Map<String, Integer> processNumbers = new HashMap<>();
        processes.forEach(p -> processNumbers.put(p.guid(), p.number()));
        List<PlacementCheck.Placed> placed = new ArrayList<>(total);
        ActualLrpStream.Result read = ActualLrpStream.readAll(http, receptor.uri(), token, total, () -> {
        }, instance -> {
            if (instance.cellId() != null) {
                placed.add(new PlacementCheck.Placed(processNumbers.get(instance.processGuid()), instance.cellId()));
            }
        });
        PlacementCheck.Outcome check = PlacementCheck.check(problem, placed, total - placed.size());
        String note = complete ? null
                : String.format(Locale.ROOT, "gave up: no instance got a cell for %d s; %,d of %,d have one",
                        options.endToEndStallSeconds(), assigned, total);
        if (placed.size() != assigned) {
            note = (note == null ? "" : note + "; ") + String.format(Locale.ROOT,
                    "the read after the events found %,d instances on a cell, the events %,d", placed.size(), assigned);
        }
        SingleLrps singles = options.singleLrps() == 0 ? null : singleLrps(client, watch, retry, options, total);
        return new Result(cells.size(), processes.size(), total, heartbeat.seconds(), warmUp, desire, retry.retries(),
                complete, assigned, placementErrors.values().stream().mapToLong(Long::longValue).sum(), placementErrors,
                fromFirst, fromLast, assigned / fromFirst, cpu, watch.resyncs(), read.seconds(), check, singles, note);
    }

    /**
     * Desires {@code processes} under other guids, waits for their cells and removes them
     * again, untimed: the timed run then measures services whose code the JIT compiler
     * has compiled, as a control plane runs after its first minutes. In a cold run the
     * compiler took about a quarter of the CPU (docs/performance.md).
     */
    private static WarmUp warmUp(List<PlacementProblem.Process> processes, PlacementOptions options,
            ReceptorClient client, AssignmentWatch watch, ExecutorService clients) throws InterruptedException {
        if (processes.isEmpty()) {
            return new WarmUp(0, 0, 0);
        }
        int instances = processes.stream().mapToInt(PlacementProblem.Process::instances).sum();
        PlacementBenchmark.progress(
                "end to end: warming up, untimed: %,d LRPs (%,d instances) desired, placed and removed",
                processes.size(), instances);
        long start = System.nanoTime();
        BusyRetry retry = BusyRetry.standard();
        Duration stall = Duration.ofSeconds(options.endToEndStallSeconds());
        requireNoErrors("warm-up desires", LoadPhase.run(clients, options.concurrency(), processes.size(),
                p -> retry.create(() -> client.desireLrp(desiredLrp(processes.get(p), warmUpGuid(processes.get(p)))))));
        if (!watch.awaitAssigned(instances, stall)) {
            throw new IllegalStateException("warm-up: the instances did not all get a cell");
        }
        requireNoErrors("warm-up removals", LoadPhase.run(clients, options.concurrency(), processes.size(),
                p -> retry.remove(() -> client.removeDesiredLrp(warmUpGuid(processes.get(p))))));
        if (!watch.awaitNoneAssigned(stall)) {
            throw new IllegalStateException("warm-up: the removed instances did not all go");
        }
        return new WarmUp(processes.size(), instances, (System.nanoTime() - start) / 1e9);
    }

    private static String warmUpGuid(PlacementProblem.Process process) {
        return "warm-up-" + process.guid();
    }

    private static void requireNoErrors(String what, LoadPhase.Timing timing) {
        if (timing.errors() > 0) {
            throw new IllegalStateException(what + " failed: " + timing.firstError());
        }
    }

    /**
     * Desires {@code --single-lrps} LRPs one after the other, each once the one before
     * has its cells and the pause has passed.
     */
    private static SingleLrps singleLrps(ReceptorClient client, AssignmentWatch watch, BusyRetry retry,
            PlacementOptions options, long receptorInstances) throws InterruptedException {
        int count = options.singleLrps();
        int instances = options.singleLrpInstances();
        PlacementBenchmark.progress("single LRPs: desiring %d LRPs of %d instance(s) one at a time, %d ms apart", count,
                instances, options.singleLrpPauseMs());
        long[] toPlaced = new long[count];
        long[] desired = new long[count];
        int answered = 0;
        int placed = 0;
        int errors = 0;
        String firstError = null;
        for (int i = 0; i < count; i++) {
            String guid = String.format(Locale.ROOT, "single-lrp-%05d", i);
            DesiredLrp lrp = Workload.desiredLrp(guid, instances);
            long start = System.nanoTime();
            try {
                retry.create(() -> client.desireLrp(lrp));
            }
            catch (RuntimeException e) {
                errors++;
                firstError = firstError == null ? e.toString() : firstError;
                continue;
            }
            desired[answered++] = System.nanoTime() - start;
            OptionalLong at = watch.awaitProcess(guid, instances, SINGLE_LRP_TIMEOUT);
            if (at.isPresent()) {
                toPlaced[placed++] = at.getAsLong() - start;
            }
            if ((i + 1) % 50 == 0) {
                PlacementBenchmark.progress("single LRPs: %d of %d desired, %d placed", i + 1, count, placed);
            }
            Thread.sleep(options.singleLrpPauseMs());
        }
        long[] latencies = Arrays.copyOf(toPlaced, placed);
        long[] requests = Arrays.copyOf(desired, answered);
        Arrays.sort(latencies);
        Arrays.sort(requests);
        return new SingleLrps(count, instances, options.singleLrpPauseMs(), receptorInstances, placed, errors,
                LoadPhase.percentile(latencies, 50), LoadPhase.percentile(latencies, 95),
                LoadPhase.percentile(latencies, 99), LoadPhase.percentile(latencies, 100),
                LoadPhase.percentile(requests, 50), LoadPhase.percentile(requests, 99), firstError);
    }

    private static void heartbeat(ReceptorClient client, CellSpec cell) {
        client.heartbeat(cell.cellId(),
                new Cell(cell.cellId(), cell.zone(), "http://" + cell.cellId() + ".cells:1800",
                        new CellCapacity((int) cell.capacity().memoryMb(), (int) cell.capacity().diskMb(),
                                cell.capacity().containers()),
                        List.copyOf(cell.requiredTags()), List.copyOf(cell.optionalTags()),
                        List.copyOf(cell.rootfsProviders()), CELL_TTL_SECONDS, null));
    }

    private static DesiredLrp desiredLrp(PlacementProblem.Process process, String guid) {
        return Workload.desiredLrp(guid, process.instances())
            .toBuilder()
            .rootfs(process.rootfs())
            .diskMb((int) process.diskMb())
            .memoryMb((int) process.memoryMb())
            .placementTags(List.copyOf(process.tags()))
            .build();
    }

}
