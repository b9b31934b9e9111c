package io.corral.benchmarks;

import io.corral.placement.PlacementApplication;
import io.corral.placement.auction.CellSpec;
import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellCapacity;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.client.ReceptorClient;
import io.corral.support.db.PostgresServer;
import io.corral.support.security.DevIssuer;
import io.corral.support.service.InProcessService;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The problem placed by the real services: a receptor and a placement service booted in
 * this JVM, each on its own database, trusting one development issuer. The cells
 * heartbeat, the processes are desired as LRPs by a pool of concurrent clients, and the
 * benchmark reads every actual LRP back until each has a cell.
 */
final class EndToEndPlacement {

    private static final String ISSUER = "corral-benchmark";

    private static final int CELL_TTL_SECONDS = 3600;

    private static final Duration POLL_PAUSE = Duration.ofSeconds(1);

    private EndToEndPlacement() {
    }

    /**
     * @param complete whether every instance got a cell
     * @param secondsFirstDesireToAllAssigned from the first desire request to the first
     * read that found every instance on a cell (or, if not complete, to the last read)
     * @param secondsLastDesireToAllAssigned from the answer to the last desire request to
     * that read
     * @param instancesPerSecond instances over secondsFirstDesireToAllAssigned
     * @param pollSeconds how long one read of every actual LRP took, the last time: the
     * resolution of the times above
     */
    record Result(int cells, int processes, int instances, double heartbeatSeconds, LoadPhase.Timing desire,
            boolean complete, long assigned, long withPlacementError, Map<String, Long> placementErrors,
            double secondsFirstDesireToAllAssigned, double secondsLastDesireToAllAssigned, double instancesPerSecond,
            int polls, double pollSeconds, PlacementCheck.Outcome check, String note) {
    }

    static Result run(PlacementProblem problem, PlacementOptions options) {
        Path keyFile = InProcessServices.issuerKeyFile("corral-placement-benchmark");
        String token = new DevIssuer(ISSUER, keyFile).mint("benchmark",
                List.of("receptor.read", "receptor.write", "cells.write"), Duration.ofDays(1));
        try (PostgresServer postgres = PostgresServer.machineOrEmbedded();
                InProcessService receptor = startReceptor(postgres, keyFile);
                InProcessService placement = startPlacement(postgres, keyFile, receptor, options)) {
            HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
            ReceptorClient client = new ReceptorClient(http, receptor.uri(), () -> token);
            ExecutorService clients = Executors.newFixedThreadPool(options.concurrency());
            ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
            try {
                return measure(problem, options, http, receptor, client, token, clients, heartbeats);
            }
            finally {
                heartbeats.shutdownNow();
                clients.shutdownNow();
            }
        }
    }

    private static InProcessService startReceptor(PostgresServer postgres, Path keyFile) {
        String database = postgres.freshDatabase("corral_bench_");
        PlacementBenchmark.progress("end to end: booting the receptor against %s", postgres.url(database));
        Map<String, String> settings = InProcessServices.settings(postgres, database, keyFile, ISSUER);
        return InProcessService.start(ReceptorApplication.SERVICE, settings);
    }

    /**
     * Trusts the benchmark's issuer, and mints its own receptor token with the same key.
     */
    private static InProcessService startPlacement(PostgresServer postgres, Path keyFile, InProcessService receptor,
            PlacementOptions options) {
        String database = postgres.freshDatabase("corral_bench_");
        PlacementBenchmark.progress("end to end: booting the placement service against %s", postgres.url(database));
        Map<String, String> settings = InProcessServices.settings(postgres, database, keyFile, ISSUER);
        settings.put("corral.receptor.url", receptor.uri().toString());
        settings.putAll(options.placementProperties());
        return InProcessService.start(PlacementApplication.SERVICE, settings);
    }

    private static Result measure(PlacementProblem problem, PlacementOptions options, HttpClient http,
            InProcessService receptor, ReceptorClient client, String token, ExecutorService clients,
            ScheduledExecutorService heartbeats) {
        List<CellSpec> cells = problem.cells();
        PlacementBenchmark.progress("end to end: %,d cells heartbeat", cells.size());
        LoadPhase.Timing heartbeat = LoadPhase.run(clients, options.concurrency(), cells.size(),
                c -> heartbeat(client, cells.get(c)));
        if (heartbeat.errors() > 0) {
            throw new IllegalStateException("cell heartbeats failed: " + heartbeat.firstError());
        }
        // Cells live an hour at most; a longer run heartbeats them again.
        heartbeats.scheduleAtFixedRate(
                () -> LoadPhase.run(clients, options.concurrency(), cells.size(), c -> heartbeat(client, cells.get(c))),
                CELL_TTL_SECONDS / 3, CELL_TTL_SECONDS / 3, TimeUnit.SECONDS);

        List<PlacementProblem.Process> processes = problem.processes();
        int total = problem.totalInstances();
        PlacementBenchmark.progress("end to end: desiring %,d LRPs (%,d instances) with %d clients", processes.size(),
                total, options.concurrency());
        long firstDesire = System.nanoTime();
        LoadPhase.Timing desire = LoadPhase.run(clients, options.concurrency(), processes.size(),
                p -> client.desireLrp(desiredLrp(processes.get(p))));
        long lastDesire = System.nanoTime();
        PlacementBenchmark.progress(
                "end to end: desired in %.1f s (%d errors%s); waiting for every instance to get " + "a cell",
                desire.seconds(), desire.errors(),
                desire.firstError() == null ? "" : ", first: " + desire.firstError());

        Map<String, Integer> processNumbers = new HashMap<>();
        processes.forEach(p -> processNumbers.put(p.guid(), p.number()));
        long lastProgressAt = System.nanoTime();
        long lastAssigned = -1;
        int polls = 0;
        while (true) {
            long pollStart = System.nanoTime();
            AtomicLong assigned = new AtomicLong();
            AtomicLong errored = new AtomicLong();
            Map<String, Long> errors = new HashMap<>();
            List<PlacementCheck.Placed> placed = new ArrayList<>(total);
            ActualLrpStream.Result read = ActualLrpStream.readAll(http, receptor.uri(), token, total, () -> {
            }, instance -> {
                if (instance.cellId() != null) {
                    assigned.incrementAndGet();
                    placed
                        .add(new PlacementCheck.Placed(processNumbers.get(instance.processGuid()), instance.cellId()));
                }
                else if (instance.placementError() != null) {
                    errored.incrementAndGet();
                    errors.merge(instance.placementError(), 1L, Long::sum);
                }
            });
            polls++;
            long now = System.nanoTime();
            boolean complete = assigned.get() == total;
            if (assigned.get() > lastAssigned) {
                lastAssigned = assigned.get();
                lastProgressAt = now;
            }
            boolean stalled = (now - lastProgressAt) / 1e9 > options.endToEndStallSeconds();
            PlacementBenchmark.progress(
                    "end to end: %,d of %,d instances on a cell, %,d with a placement error " + "(read %,d in %.1f s)",
                    assigned.get(), total, errored.get(), read.instances(), read.seconds());
            if (complete || stalled) {
                // A complete read proves every instance had a cell by the time it
                // started.
                long end = complete ? pollStart : now;
                double fromFirst = (end - firstDesire) / 1e9;
                double fromLast = (end - lastDesire) / 1e9;
                PlacementCheck.Outcome check = PlacementCheck.check(problem, placed, (int) (total - assigned.get()));
                String note = complete ? null
                        : String.format(Locale.ROOT, "gave up: no instance got a cell for %d s; %,d of %,d have one",
                                options.endToEndStallSeconds(), assigned.get(), total);
                return new Result(cells.size(), processes.size(), total, heartbeat.seconds(), desire, complete,
                        assigned.get(), errored.get(), errors, fromFirst, fromLast, assigned.get() / fromFirst, polls,
                        read.seconds(), check, note);
            }
            sleep(POLL_PAUSE);
        }
    }

    private static void heartbeat(ReceptorClient client, CellSpec cell) {
        client.heartbeat(cell.cellId(),
                new Cell(cell.cellId(), cell.zone(), "http://" + cell.cellId() + ".cells:1800",
                        new CellCapacity((int) cell.capacity().memoryMb(), (int) cell.capacity().diskMb(),
                                cell.capacity().containers()),
                        List.copyOf(cell.requiredTags()), List.copyOf(cell.optionalTags()),
                        List.copyOf(cell.rootfsProviders()), CELL_TTL_SECONDS, null));
    }

    private static DesiredLrp desiredLrp(PlacementProblem.Process process) {
        return Workload.desiredLrp(process.guid(), process.instances())
            .toBuilder()
            .rootfs(process.rootfs())
            .diskMb((int) process.diskMb())
            .memoryMb((int) process.memoryMb())
            .placementTags(List.copyOf(process.tags()))
            .build();
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
