package io.corral.benchmarks;

import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.ApiPatterns;
import io.corral.receptor.api.AssignmentBatch;
import io.corral.receptor.api.AssignmentResults;
import io.corral.receptor.api.LrpAssignment;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorException;
import io.corral.receptor.client.ReceptorJson;
import io.corral.receptor.convergence.ConvergenceRunner;
import io.corral.receptor.convergence.ConvergenceSummary;
import io.corral.support.db.PostgresServer;
import io.corral.support.security.DevIssuer;
import io.corral.support.service.InProcessService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The receptor at the scale of issue 12's last goal: 250,000 instances streamed in under
 * 2 s with flat memory, and a convergence pass in under 5 s, idle and after a cell
 * holding a tenth of the instances is lost. Seeds fast: LRPs desired and placed through
 * the API, marked running and copied in SQL. Run by hand (see docs/performance.md); it
 * prints a table and the goals met or not, and writes JSON.
 */
public final class ReceptorScaleBenchmark {

    static final double STREAM_GOAL_SECONDS = 2;

    static final double PASS_GOAL_SECONDS = 5;

    /** Live heap the stream may add and still count as flat. */
    static final long FLAT_HEAP_BYTES = 16L << 20;

    private static final String ISSUER = "corral-benchmark";

    private static final int CELL_TTL_SECONDS = 3600;

    private static final String PREFIX = "scale-";

    /**
     * Assignment batches are large: a few at a time, as the placement service sends them.
     */
    private static final int ASSIGNING_CLIENTS = 2;

    /**
     * What the receptor answers 503 (it wrote nothing) is tried again, a second later:
     * the machine may be busier than the pool's wait allows.
     */
    private static final BusyRetry SEED_RETRY = BusyRetry.everySecond(5);

    private final ScaleOptions options;

    private final Instant startedAt = Instant.now();

    private HttpClient http;

    private URI receptorUri;

    private String token;

    private ReceptorScaleBenchmark(ScaleOptions options) {
        this.options = options;
    }

    /** Where the seed's time went; {@code instances} is what the table holds after it. */
    record Seeding(double desireSeconds, double assignSeconds, double runAndCopySeconds, long instances) {
    }

    /**
     * One read of every instance. {@code instances} and {@code liveHeapHalfway} only for
     * the run that parses what it reads (-1 otherwise); heap figures in bytes.
     */
    record StreamRun(int run, boolean parsed, long instances, long running, long bytes, double secondsToFirstByte,
            double secondsToLastByte, long liveHeapBefore, long liveHeapHalfway, long liveHeapAfter,
            long sampledPeakHeap) {
    }

    /** One convergence pass, timed around {@code runOnce}, with each step's own time. */
    record Pass(String name, double seconds, Map<String, Integer> changed, List<String> failed,
            Map<String, Double> stepSeconds) {
    }

    record Setup(String startedAt, int instances, int lrps, int desiredThroughApi, int cells, int processors,
            double loadAverageAtStart, double loadAverageAtEnd, String javaVersion, long maxHeapBytes,
            int connectionPoolSize) {
    }

    record Goal(String goal, String measured, boolean met) {
    }

    record Results(Setup setup, Seeding seeding, List<StreamRun> streams, List<Pass> passes, List<Goal> goals,
            boolean confirmed) {
    }

    public static void main(String[] args) {
        ScaleOptions options;
        try {
            options = ScaleOptions.parse(args, System.getProperties());
        }
        catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ScaleOptions.USAGE);
            System.exit(2);
            return;
        }
        Results results = new ReceptorScaleBenchmark(options).run();
        print(results, System.out);
        JsonFiles.write(options.output(), results);
        System.out.println();
        System.out.println("results written to " + options.output().toAbsolutePath());
        System.exit(results.confirmed() ? 0 : 1);
    }

    private Results run() {
        try (PostgresServer postgres = PostgresServer.machineOrEmbedded()) {
            return run(postgres);
        }
    }

    private Results run(PostgresServer postgres) {
        double loadAtStart = loadAverage();
        String databaseName = postgres.freshDatabase("corral_scale_");
        Path keyFile = InProcessServices.issuerKeyFile("corral-benchmark");
        token = new DevIssuer(ISSUER, keyFile).mint("benchmark",
                List.of("receptor.read", "receptor.write", "cells.write"), Duration.ofDays(1));
        Map<String, String> settings = InProcessServices.settings(postgres, databaseName, keyFile, ISSUER);
        // The benchmark runs every pass it measures itself: the scheduled ones (the first
        // at
        // boot, on empty tables) are out of the way.
        settings.put("corral.convergence.interval", "24h");
        // On a busy machine the shipped 1 s wait for a connection answers some of the
        // seed's requests 503; the seed is not what is measured.
        settings.put("spring.datasource.hikari.connection-timeout", "30000");
        settings.putAll(options.receptorProperties());
        progress("booting the receptor against %s", postgres.url(databaseName));
        try (InProcessService receptor = InProcessService.start(ReceptorApplication.SERVICE, settings)) {
            http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
            receptorUri = receptor.uri();
            ReceptorClient client = new ReceptorClient(http, receptorUri, () -> token);
            for (int c = 0; c < options.cells(); c++) {
                client.heartbeat(cellId(c), Workload.cell(cellId(c), CELL_TTL_SECONDS));
            }
            Seeding seeding = seed(client, receptor.bean(JdbcTemplate.class));

            List<StreamRun> streams = new ArrayList<>();
            streams.add(parsedRead());
            for (int run = 2; run <= options.streamRuns(); run++) {
                streams.add(rawRead(run));
            }

            ConvergenceRunner convergence = receptor.bean(ConvergenceRunner.class);
            MeterRegistry meters = receptor.bean(MeterRegistry.class);
            List<Pass> passes = new ArrayList<>();
            passes.add(pass("idle", convergence, meters));
            passes.add(pass("idle again", convergence, meters));
            long onLostCell = loseCell(client, receptor.bean(JdbcTemplate.class), cellId(0));
            passes.add(pass("after losing " + cellId(0), convergence, meters));
            passes.add(pass("idle after the loss", convergence, meters));

            Setup setup = new Setup(startedAt.toString(), options.instances(), options.lrps(), options.desired(),
                    options.cells(), Runtime.getRuntime().availableProcessors(), loadAtStart, loadAverage(),
                    System.getProperty("java.version"), Runtime.getRuntime().maxMemory(),
                    InProcessServices.connectionPoolSize(receptor));
            return new Results(setup, seeding, streams, passes, goals(streams, passes),
                    confirmed(seeding, streams, passes, onLostCell));
        }
    }

    /**
     * Desires {@code desired} LRPs and assigns their instances in batches through the
     * API, round the cells; marks them RUNNING in SQL as their cells would report them;
     * then copies them, desired LRP and instances, in SQL until there are
     * {@code instances}. The copies write no events.
     */
    private Seeding seed(ReceptorClient client, JdbcTemplate jdbc) {
        ExecutorService clients = Executors.newFixedThreadPool(options.concurrency());
        try {
            progress("desiring %,d LRPs of %d instances through the API", options.desired(), options.perLrp());
            LoadPhase.Timing desire = LoadPhase.run(clients, options.concurrency(), options.desired(),
                    i -> SEED_RETRY.create(() -> desire(client, i)));
            int desiredInstances = options.desired() * options.perLrp();
            int batches = (desiredInstances + ApiPatterns.MAX_ASSIGNMENTS - 1) / ApiPatterns.MAX_ASSIGNMENTS;
            progress("assigning their %,d instances in %d batches", desiredInstances, batches);
            LoadPhase.Timing assign = LoadPhase.run(clients, ASSIGNING_CLIENTS, batches,
                    b -> SEED_RETRY.put(() -> assignBatch(client, desiredInstances, b)));
            if (desire.errors() > 0 || assign.errors() > 0) {
                throw new IllegalStateException("seeding failed: " + desire + "; " + assign);
            }
            long copyStart = System.nanoTime();
            progress("marking them RUNNING and copying them to %,d instances in SQL", options.instances());
            runAndCopy(jdbc);
            double copySeconds = (System.nanoTime() - copyStart) / 1e9;
            Long counted = jdbc.queryForObject("SELECT count(*) FROM actual_lrps", Long.class);
            return new Seeding(desire.seconds(), assign.seconds(), copySeconds, counted == null ? 0 : counted);
        }
        finally {
            clients.shutdownNow();
        }
    }

    /** A desire the receptor already has (an earlier try that timed out) is done. */
    private void desire(ReceptorClient client, int lrp) {
        try {
            client.desireLrp(Workload.desiredLrp(processGuid(lrp), options.perLrp()));
        }
        catch (ReceptorException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }

    /** Batch {@code b} of the desired instances' assignments, round the cells. */
    private void assignBatch(ReceptorClient client, int desiredInstances, int b) {
        List<LrpAssignment> batch = new ArrayList<>(ApiPatterns.MAX_ASSIGNMENTS);
        for (int i = b * ApiPatterns.MAX_ASSIGNMENTS; i < Math.min((b + 1) * ApiPatterns.MAX_ASSIGNMENTS,
                desiredInstances); i++) {
            batch.add(new LrpAssignment(processGuid(i / options.perLrp()), i % options.perLrp(), null,
                    cellId(i % options.cells()), null));
        }
        AssignmentResults results = client.assign(new AssignmentBatch(batch, List.of()));
        results.actualLrps().stream().filter(r -> r.error() != null).findFirst().ifPresent(r -> {
            throw new IllegalStateException(
                    "instance " + r.index() + " of " + r.processGuid() + ": " + r.error().message());
        });
    }

    private void runAndCopy(JdbcTemplate jdbc) {
        String ports = ReceptorJson.mapper().writeValueAsString(List.of(new PortMapping(8080, 61000)));
        jdbc.update("""
                UPDATE actual_lrps SET state = 'RUNNING', address = '10.0.' || (instance_index % 250) || '.'
                    || (right(process_guid, 2)::int + 1), ports = ?, modification_index = modification_index + 2
                """, ports);
        String copy = "'" + PREFIX + "' || lpad(n::text, 6, '0')";
        String source = "'" + PREFIX + "' || lpad((n % " + options.desired() + ")::text, 6, '0')";
        String copyDesired = "INSERT INTO desired_lrps (process_guid, domain, instances, space_guid, app_guid,"
                + " definition, modification_epoch, modification_index)" + " SELECT " + copy
                + ", d.domain, d.instances, d.space_guid, replace(d.app_guid, d.process_guid, " + copy
                + "), replace(d.definition, d.process_guid, " + copy
                + "), gen_random_uuid()::text, d.modification_index FROM generate_series(?, ?) AS n"
                + " JOIN desired_lrps d ON d.process_guid = " + source;
        String copyActual = "INSERT INTO actual_lrps (id, instance_guid, process_guid, instance_index, presence,"
                + " domain, state, cell_id, address, ports, placement_error, since_ns, crash_count, crash_reason,"
                + " modification_epoch, modification_index, tainted)"
                + " SELECT gen_random_uuid(), gen_random_uuid()::text, " + copy + ", a.instance_index, a.presence,"
                + " a.domain, a.state, a.cell_id, a.address, a.ports, a.placement_error, a.since_ns, a.crash_count,"
                + " a.crash_reason, gen_random_uuid()::text, a.modification_index, a.tainted"
                + " FROM generate_series(?, ?) AS n JOIN actual_lrps a ON a.process_guid = " + source;
        // A statement per slice of copies, each well within the connection's socket
        // timeout on a busy machine.
        for (int from = options.desired(); from < options.lrps(); from += options.desired()) {
            int to = Math.min(from + options.desired(), options.lrps()) - 1;
            jdbc.update(copyDesired, from, to);
            jdbc.update(copyActual, from, to);
        }
        jdbc.execute("VACUUM ANALYZE desired_lrps");
        jdbc.execute("VACUUM ANALYZE actual_lrps");
    }

    /**
     * The first read parses every instance, to confirm all came back RUNNING, and takes
     * the live heap halfway (a full GC, which also pauses the receptor: its time is not
     * the goal's).
     */
    private StreamRun parsedRead() {
        progress("reading every instance (run 1, parsed)");
        long[] halfway = new long[1];
        try (HeapProbe heap = new HeapProbe()) {
            ActualLrpStream.Result result = ActualLrpStream.readAll(http, receptorUri, token, options.instances(),
                    () -> halfway[0] = heap.liveHeap());
            long liveAfter = heap.liveHeap();
            StreamRun run = new StreamRun(1, true, result.instances(),
                    result.byState().getOrDefault(ActualLrpState.RUNNING, 0L), result.bytes(),
                    result.secondsToFirstInstance(), result.seconds(), heap.liveBefore(), halfway[0], liveAfter,
                    heap.sampledPeak());
            progress("  %s", run);
            return run;
        }
    }

    /** A read that only counts bytes: the time to the last one is the receptor's. */
    private StreamRun rawRead(int number) {
        progress("reading every instance (run %d, bytes only)", number);
        HttpRequest request = HttpRequest.newBuilder(receptorUri.resolve("/v1/actual_lrps"))
            .timeout(Duration.ofMinutes(30))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
        try (HeapProbe heap = new HeapProbe()) {
            long start = System.nanoTime();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /v1/actual_lrps answered " + response.statusCode());
            }
            byte[] buffer = new byte[1 << 16];
            long bytes = 0;
            double firstByte = -1;
            try (InputStream body = response.body()) {
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    if (firstByte < 0 && n > 0) {
                        firstByte = (System.nanoTime() - start) / 1e9;
                    }
                    bytes += n;
                }
            }
            double lastByte = (System.nanoTime() - start) / 1e9;
            StreamRun run = new StreamRun(number, false, -1, -1, bytes, firstByte, lastByte, heap.liveBefore(), -1,
                    heap.liveHeap(), heap.sampledPeak());
            progress("  %s", run);
            return run;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Pass pass(String name, ConvergenceRunner convergence, MeterRegistry meters) {
        progress("convergence pass: %s", name);
        Map<String, Double> before = stepSeconds(meters);
        long start = System.nanoTime();
        ConvergenceSummary summary = convergence.runOnce();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> steps = new LinkedHashMap<>();
        stepSeconds(meters).forEach((step, total) -> steps.put(step, total - before.getOrDefault(step, 0.0)));
        if (!summary.leader()) {
            throw new IllegalStateException("the receptor does not hold the convergence lease");
        }
        Pass pass = new Pass(name, seconds, summary.changed(), summary.failed(), steps);
        progress("  %.2f s, changed %s, failed %s", seconds, summary.changed(), summary.failed());
        return pass;
    }

    /** The total time of each convergence step so far, from its timer. */
    private static Map<String, Double> stepSeconds(MeterRegistry meters) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Timer timer : meters.find("corral.convergence.step.duration").timers()) {
            seconds.put(timer.getId().getTag("step"), timer.totalTime(TimeUnit.NANOSECONDS) / 1e9);
        }
        return seconds;
    }

    /**
     * Its last heartbeat asks for 1 s; the benchmark waits until the receptor drops it.
     * Returns how many instances were on it.
     */
    private long loseCell(ReceptorClient client, JdbcTemplate jdbc, String cellId) {
        Long on = jdbc.queryForObject("SELECT count(*) FROM actual_lrps WHERE cell_id = ?", Long.class, cellId);
        progress("losing %s, which holds %,d instances: its presence lapses", cellId, on);
        client.heartbeat(cellId, Workload.cell(cellId, 1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (client.cells().stream().anyMatch(cell -> cell.cellId().equals(cellId))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(cellId + " is still present 30 s after a 1 s heartbeat");
            }
            DatabaseProbe.sleep(Duration.ofMillis(200));
        }
        return on == null ? 0 : on;
    }

    private List<Goal> goals(List<StreamRun> streams, List<Pass> passes) {
        StreamRun fastest = streams.stream()
            .min((a, b) -> Double.compare(a.secondsToLastByte(), b.secondsToLastByte()))
            .orElseThrow();
        StreamRun parsed = streams.get(0);
        long heldByStream = parsed.liveHeapHalfway() - parsed.liveHeapBefore();
        List<Goal> goals = new ArrayList<>();
        goals.add(new Goal(
                String.format(Locale.ROOT, "stream %,d instances in under %.0f s", options.instances(),
                        STREAM_GOAL_SECONDS),
                String.format(Locale.ROOT, "fastest run %.2f s (run %d)", fastest.secondsToLastByte(), fastest.run()),
                fastest.secondsToLastByte() < STREAM_GOAL_SECONDS));
        goals.add(new Goal(
                String.format(Locale.ROOT, "flat memory: the stream holds under %d MB live", FLAT_HEAP_BYTES >> 20),
                String.format(Locale.ROOT, "%+.1f MB live halfway", heldByStream / 1e6),
                heldByStream < FLAT_HEAP_BYTES));
        for (Pass pass : passes) {
            goals.add(new Goal(
                    String.format(Locale.ROOT, "convergence pass (%s) in under %.0f s", pass.name(), PASS_GOAL_SECONDS),
                    String.format(Locale.ROOT, "%.2f s", pass.seconds()), pass.seconds() < PASS_GOAL_SECONDS));
        }
        return goals;
    }

    /**
     * The seed and the parsed read hold every instance, all RUNNING; no pass failed; the
     * lost cell's pass changed every instance that was on it.
     */
    private boolean confirmed(Seeding seeding, List<StreamRun> streams, List<Pass> passes, long onLostCell) {
        StreamRun parsed = streams.get(0);
        boolean all = seeding.instances() == options.instances() && parsed.instances() == options.instances()
                && parsed.running() == options.instances();
        boolean passed = passes.stream().allMatch(pass -> pass.failed().isEmpty());
        Integer lost = passes.get(2).changed().get("lrp-lost-cells");
        boolean lossSeen = lost != null && lost == onLostCell;
        if (!all || !passed || !lossSeen) {
            System.err.printf(Locale.ROOT,
                    "NOT CONFIRMED: instances %,d seeded, %,d read, %,d RUNNING; passes failed:"
                            + " %s; lost-cell step changed %s of the %,d instances on the lost cell%n",
                    seeding.instances(), parsed.instances(), parsed.running(), !passed, lost, onLostCell);
        }
        return all && passed && lossSeen;
    }

    private static void print(Results results, PrintStream out) {
        Setup s = results.setup();
        out.println();
        out.printf(Locale.ROOT, "receptor-scale: %,d instances (%,d LRPs, %,d desired through the API), %d cells;"
                + " %d CPUs, load average %.1f at the start, %.1f at the end; Java %s, max heap %,d MB, pool %d%n",
                s.instances(), s.lrps(), s.desiredThroughApi(), s.cells(), s.processors(), s.loadAverageAtStart(),
                s.loadAverageAtEnd(), s.javaVersion(), s.maxHeapBytes() >> 20, s.connectionPoolSize());
        Seeding seed = results.seeding();
        out.printf(Locale.ROOT, "seed: desire %.1f s, assign %.1f s, run and copy in SQL %.1f s; %,d instances%n",
                seed.desireSeconds(), seed.assignSeconds(), seed.runAndCopySeconds(), seed.instances());
        out.println();
        out.println("| stream run | instances | MB | first byte s | last byte s | live MB before | live MB halfway"
                + " | live MB after | sampled peak MB |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (StreamRun r : results.streams()) {
            out.printf(Locale.ROOT, "| %d%s | %s | %.1f | %.2f | %.2f | %.1f | %s | %.1f | %.1f |%n", r.run(),
                    r.parsed() ? " (parsed)" : "",
                    r.parsed() ? String.format(Locale.ROOT, "%,d (%,d RUNNING)", r.instances(), r.running()) : "",
                    r.bytes() / 1e6, r.secondsToFirstByte(), r.secondsToLastByte(), r.liveHeapBefore() / 1e6,
                    r.parsed() ? String.format(Locale.ROOT, "%.1f", r.liveHeapHalfway() / 1e6) : "",
                    r.liveHeapAfter() / 1e6, r.sampledPeakHeap() / 1e6);
        }
        out.println();
        out.println("| convergence pass | s | changed | failed | slowest steps (s) |");
        out.println("|---|---:|---|---|---|");
        for (Pass p : results.passes()) {
            Map<String, Integer> changed = new LinkedHashMap<>();
            p.changed().forEach((step, count) -> {
                if (count > 0) {
                    changed.put(step, count);
                }
            });
            out.printf(Locale.ROOT, "| %s | %.2f | %s | %s | %s |%n", p.name(), p.seconds(), changed, p.failed(),
                    slowest(p.stepSeconds()));
        }
        out.println();
        for (Goal g : results.goals()) {
            out.printf(Locale.ROOT, "%s %s: %s%n", g.met() ? "met    " : "NOT met", g.goal(), g.measured());
        }
    }

    private static String slowest(Map<String, Double> stepSeconds) {
        return stepSeconds.entrySet()
            .stream()
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .limit(3)
            .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
            .reduce((a, b) -> a + ", " + b)
            .orElse("");
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String processGuid(int lrp) {
        return String.format(Locale.ROOT, "%s%06d", PREFIX, lrp);
    }

    private static String cellId(int c) {
        return String.format(Locale.ROOT, "cell-%02d", c);
    }

    private static void progress(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, "[%tT] ", Instant.now().toEpochMilli())
                + String.format(Locale.ROOT, format, args));
    }

}
