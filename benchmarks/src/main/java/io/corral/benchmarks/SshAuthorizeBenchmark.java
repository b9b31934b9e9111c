package io.corral.benchmarks;

import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellCapacity;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.EnvironmentVariable;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorJson;
import io.corral.sshauth.SshAuthApplication;
import io.corral.support.db.PostgresServer;
import io.corral.support.security.DevIssuer;
import io.corral.support.security.TokenTimes;
import io.corral.support.service.InProcessService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * {@code ssh-authorize}: a proxy's logins ({@code POST /v1/ssh/authorize}) against
 * ssh-auth-service beside a real receptor on PostgreSQL, from {@code clients} concurrent
 * clients: first as fast as they go (throughput, p50, p99), then paced at {@code rate}
 * requests/s (p50 and p99 from each request's intended start, so a stall is not hidden).
 * The floor, measured in the same run with the same clients: the user token's JWT check
 * alone, as the service does it (RS256 signature, times, issuer), in process. For each
 * authorize phase, the CPU per request by thread group ({@link PhaseCpu}), which does not
 * depend on what else the machine runs. The clients send over keep-alive sockets of their
 * own ({@code --client=socket}) or the JDK's HTTP client ({@code --client=jdk}).
 */
public final class SshAuthorizeBenchmark {

    private static final String ISSUER = "corral-ssh-benchmark";

    private static final Duration SETTLE_SLICE = Duration.ofSeconds(5);

    private static final Duration QUIET_COMPILING = Duration.ofMillis(100);

    private static final Map<String, String> DEFAULTS = Map.of("clients", "32", "seconds", "20", "warmup-requests",
            "30000", "settle-seconds", "120", "rate", "2000", "client", "socket");

    private SshAuthorizeBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkArguments options = BenchmarkArguments.parse("ssh-authorize", DEFAULTS, args, System.getProperties());
        int clients = options.integer("clients");
        Duration run = Duration.ofSeconds(options.integer("seconds"));
        int warmup = options.integer("warmup-requests");
        int rate = options.integer("rate");
        Duration settleAtMost = Duration.ofSeconds(options.integer("settle-seconds"));
        String client = options.string("client");
        if (!client.equals("socket") && !client.equals("jdk")) {
            throw new IllegalArgumentException("client: socket or jdk, was " + client);
        }
        String loadBefore = load();
        double systemCallNanos = SystemCallCost.nanos();
        Path keyFile = InProcessServices.issuerKeyFile("corral-ssh-benchmark");
        DevIssuer issuer = new DevIssuer(ISSUER, keyFile);
        String userToken = issuer.sign(issuer.claims("bench-user", List.of("openid"), Duration.ofHours(2))
            .claim("user_id", "bench-user")
            .build());
        String serviceToken = issuer.mint("benchmark",
                List.of("receptor.read", "receptor.write", "cells.write", "ssh.proxy", "ssh.admin"),
                Duration.ofHours(2));
        List<String> databases = new ArrayList<>();
        try (PostgresServer postgres = PostgresServer.machineOrEmbedded();
                InProcessService receptor = start(ReceptorApplication.SERVICE.name(), postgres, keyFile, null, Map.of(),
                        databases);
                InProcessService sshAuth = start(SshAuthApplication.SERVICE.name(), postgres, keyFile, receptor,
                        options.springProperties(), databases)) {
            prepare(new ReceptorClient(receptor.uri(), () -> serviceToken), sshAuth.uri(), serviceToken);
            AtomicInteger threads = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients,
                    task -> new Thread(task, "benchmark-client-" + threads.incrementAndGet()));
            try (Logins logins = client.equals("jdk") ? new JdkLogins(sshAuth.uri(), serviceToken, userToken)
                    : new SocketLogins(sshAuth.uri(), serviceToken, userToken, clients)) {
                NimbusJwtDecoder decoder = decoderLike(issuer);
                Call verify = c -> decoder.decode(userToken);
                Call authorize = logins::authorize;
                progress("warming up: %,d checks", warmup);
                warmUp(pool, clients, warmup, verify);
                progress("JWT check alone, %d clients, %s", clients, run);
                Result floor = closedLoop(pool, clients, run, verify);
                progress("warming up: %,d authorizes", warmup);
                warmUp(pool, clients, warmup, authorize);
                progress("paced at %,d requests/s until the JIT compilers are quiet (at most %s), not measured", rate,
                        settleAtMost);
                Settled settled = settle(pool, clients, rate, settleAtMost, authorize);
                progress("authorize, %d clients paced at %,d requests/s, %s", clients, rate, run);
                PhaseCpu cpu = PhaseCpu.now(databases);
                Result paced = paced(pool, clients, run, rate, authorize);
                PhaseCpu.Used pacedCpu = PhaseCpu.now(databases).since(cpu);
                progress("authorize, %d clients (%s HTTP) as fast as they go, %s", clients, client, run);
                cpu = PhaseCpu.now(databases);
                Result fastest = closedLoop(pool, clients, run, authorize);
                PhaseCpu.Used fastestCpu = PhaseCpu.now(databases).since(cpu);
                report(clients, rate, floor, fastest, paced, loadBefore, load());
                settled.print();
                System.out.printf("a system call (fstat) took %.0f ns on this machine before the services started%n",
                        systemCallNanos);
                System.out.printf("CPU used (this JVM: both services and the %s clients; PostgreSQL: the backends"
                        + " of the benchmark's databases):%n", client);
                pacedCpu.print(System.out, "paced", paced.sorted().length, "request", 10);
                fastestCpu.print(System.out, "as fast as they go", fastest.sorted().length, "request", 10);
            }
            finally {
                pool.shutdownNow();
            }
        }
    }

    private static InProcessService start(String name, PostgresServer postgres, Path keyFile, InProcessService receptor,
            Map<String, String> springProperties, List<String> databases) {
        String database = postgres.freshDatabase("corral_bench_");
        databases.add(database);
        Map<String, String> settings = InProcessServices.settings(postgres, database, keyFile, ISSUER);
        if (receptor == null) {
            settings.put("corral.convergence.interval", "1h");
            return InProcessService.start(ReceptorApplication.SERVICE, settings);
        }
        settings.put("corral.receptor.url", receptor.uri().toString());
        settings.putAll(springProperties);
        progress("booting %s", name);
        return InProcessService.start(SshAuthApplication.SERVICE, settings);
    }

    /**
     * One app with a running instance of a diego-ssh route, and the user a developer of
     * its space.
     */
    private static void prepare(ReceptorClient receptor, URI sshAuth, String token) {
        receptor.heartbeat("bench-cell",
                new Cell("bench-cell", "z1", "http://bench-cell:1800", new CellCapacity(16_384, 65_536, 250), List.of(),
                        List.of(), List.of("preloaded:cflinuxfs4"), 600, null));
        var json = ReceptorJson.mapper();
        receptor.desireLrp(DesiredLrp.builder()
            .processGuid("bench-v1")
            .domain("cf-apps")
            .rootfs("preloaded:cflinuxfs4")
            .instances(1)
            .env(List.<EnvironmentVariable>of())
            .action(json.readTree("{\"run\": {\"path\": \"/app/start\", \"user\": \"vcap\"}}"))
            .memoryMb(256)
            .diskMb(1024)
            .ports(List.of(8080, 2222))
            .routes(Map.of("diego-ssh",
                    json.readTree("{\"container_port\": 2222, \"user\": \"vcap\", \"private_key\": \"KEY\","
                            + " \"host_fingerprint\": \"a6:14:aa\"}")))
            .spaceGuid("bench-space")
            .appGuid("bench-app")
            .build());
        ActualLrp unclaimed = receptor.actualLrp("bench-v1", 0);
        ActualLrp assigned = receptor.assign("bench-v1", 0,
                new Assignment(unclaimed.instanceGuid(), "bench-cell", null));
        ActualLrp claimed = receptor.transition("bench-cell", "bench-v1", 0, "claim",
                new InstanceTransition(assigned.instanceGuid(), assigned.modificationTag(), null, null, null, null));
        receptor.transition("bench-cell", "bench-v1", 0, "start", new InstanceTransition(claimed.instanceGuid(),
                claimed.modificationTag(), "10.0.0.9", List.of(new PortMapping(2222, 61002)), null, null));
        HttpRequest member = HttpRequest.newBuilder(sshAuth.resolve("/v1/ssh/spaces/bench-space/members/bench-user"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"role\": \"developer\"}"))
            .build();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(member, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("adding the member answered " + answer.statusCode());
            }
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A proxy's login: its token, the user's as the password, the client's address. */
    private static String authorizeBody(String userToken) {
        return "{\"username\": \"cf:bench-app/0\", \"password\": \"bearer " + userToken
                + "\", \"client_address\": \"203.0.113.7:51234\"}";
    }

    private static void expectGranted(int status, String body) {
        if (status != 200) {
            throw new IllegalStateException("authorize answered " + status + ": " + body);
        }
    }

    /** The service's check of a user token: RS256 signature, expiry, iat, issuer. */
    private static NimbusJwtDecoder decoderLike(DevIssuer issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(issuer.publicKey()).build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(TokenTimes.all(Duration.ofSeconds(60)));
        validators.add(new JwtIssuerValidator(ISSUER));
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(validators));
        return decoder;
    }

    /**
     * {@code requests} calls, as fast as the clients go: counted rather than timed, so
     * that the JIT compilers have seen the request path as often on a busy machine as on
     * a quiet one (a few seconds leave most of it interpreted, at several times the CPU).
     */
    private static void warmUp(ExecutorService pool, int clients, int requests, Call call) {
        AtomicInteger left = new AtomicInteger(requests);
        List<Callable<long[]>> loops = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            loops.add(() -> {
                while (left.getAndDecrement() > 0) {
                    call.run(client);
                }
                return new long[0];
            });
        }
        collect(pool, loops);
    }

    /**
     * Paced load in slices of {@link #SETTLE_SLICE} until the JIT compilers spend less
     * than {@link #QUIET_COMPILING} of a slice compiling, or {@code atMost} has passed. A
     * counted warm-up as fast as the clients go keeps both cores busy, so the compiler
     * threads fall behind, and what they compile later makes a measured phase pay for it.
     * A service that runs for days has finished: the paced phase measures that state.
     */
    private static Settled settle(ExecutorService pool, int clients, int rate, Duration atMost, Call call) {
        long begin = System.nanoTime();
        long compiling;
        do {
            long before = PhaseCpu.compilingSoFar();
            paced(pool, clients, SETTLE_SLICE, rate, call);
            compiling = PhaseCpu.compilingSoFar() - before;
        }
        while (compiling >= QUIET_COMPILING.toMillis() && System.nanoTime() - begin < atMost.toNanos());
        return new Settled(Duration.ofNanos(System.nanoTime() - begin), compiling);
    }

    /** Every client calls again as soon as its call returns. */
    private static Result closedLoop(ExecutorService pool, int clients, Duration run, Call call) {
        long end = System.nanoTime() + run.toNanos();
        List<Callable<long[]>> loops = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            loops.add(() -> {
                Latencies latencies = new Latencies();
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    call.run(client);
                    latencies.add(System.nanoTime() - start);
                }
                return latencies.toArray();
            });
        }
        long start = System.nanoTime();
        long[] latencies = collect(pool, loops);
        return new Result(latencies, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The clients share {@code rate} requests/s, each on its own schedule; a request's
     * latency counts from when it should have started.
     */
    private static Result paced(ExecutorService pool, int clients, Duration run, int rate, Call call) {
        long interval = 1_000_000_000L * clients / rate;
        long begin = System.nanoTime();
        long end = begin + run.toNanos();
        List<Callable<long[]>> loops = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long offset = interval * c / clients;
            int client = c;
            loops.add(() -> {
                Latencies latencies = new Latencies();
                for (long due = begin + offset; due < end; due += interval) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    call.run(client);
                    latencies.add(System.nanoTime() - due);
                }
                return latencies.toArray();
            });
        }
        long[] latencies = collect(pool, loops);
        // An overloaded service makes the schedule run late: the rate is what was served.
        return new Result(latencies, Duration.ofNanos(System.nanoTime() - begin));
    }

    private static long[] collect(ExecutorService pool, List<Callable<long[]>> loops) {
        try {
            List<long[]> parts = new ArrayList<>();
            for (Future<long[]> part : pool.invokeAll(loops)) {
                parts.add(part.get());
            }
            return parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        }
        catch (Exception e) {
            throw new IllegalStateException("a benchmark client failed", e);
        }
    }

    private static void report(int clients, int rate, Result floor, Result fastest, Result paced, String loadBefore,
            String loadAfter) {
        System.out.printf("%nssh-authorize benchmark: %d clients; load before %s, after %s%n", clients, loadBefore,
                loadAfter);
        System.out.printf("%-44s %12s %10s %10s%n", "", "requests/s", "p50 ms", "p99 ms");
        floor.print("JWT check alone (floor, in process)");
        fastest.print("authorize, as fast as the clients go");
        paced.print("authorize, paced at " + rate + "/s");
        System.out.printf("authorize / JWT floor: p50 %.1fx, p99 %.1fx (as fast as they go)%n",
                fastest.p50() / floor.p50(), fastest.p99() / floor.p99());
        System.out.printf("goal: p99 under 5 ms at %,d requests/s: %s (p99 %.2f ms at %,.0f requests/s)%n", rate,
                paced.p99() < 5 && paced.throughput() >= rate * 0.95 ? "met" : "NOT met", paced.p99(),
                paced.throughput());
    }

    static void progress(String format, Object... args) {
        System.err.printf("[ssh-authorize] " + format + "%n", args);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        }
        catch (IOException e) {
            return "unknown";
        }
    }

    /** How long the paced warm-up took and what the JIT compiled in its last slice. */
    private record Settled(Duration took, long lastSliceCompilingMillis) {

        void print() {
            System.out.printf("paced warm-up: %d s; the JIT compiled %,d ms in the last %d s%s%n", took.toSeconds(),
                    lastSliceCompilingMillis, SETTLE_SLICE.toSeconds(),
                    lastSliceCompilingMillis < QUIET_COMPILING.toMillis() ? ""
                            : " (not quiet: the JVM was still warming)");
        }

    }

    /** One request of client number {@code client}. */
    private interface Call {

        void run(int client) throws Exception;

    }

    /** How the clients send the proxy's logins. */
    private interface Logins extends AutoCloseable {

        void authorize(int client) throws Exception;

        @Override
        void close();

    }

    /**
     * The JDK's {@link HttpClient} (HTTP/1.1), shared by the clients, as ssh-proxy sends
     * them; each request hops between the client's thread, the selector thread and a
     * worker, which costs this JVM CPU the service never sees.
     */
    private record JdkLogins(HttpClient http, HttpRequest login) implements Logins {

        JdkLogins(URI sshAuth, String proxyToken, String userToken) {
            this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                    HttpRequest.newBuilder(sshAuth.resolve("/v1/ssh/authorize"))
                        .header("Authorization", "Bearer " + proxyToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(authorizeBody(userToken)))
                        .build());
        }

        @Override
        public void authorize(int client) throws Exception {
            HttpResponse<String> response = http.send(login, HttpResponse.BodyHandlers.ofString());
            expectGranted(response.statusCode(), response.body());
        }

        @Override
        public void close() {
            // the JDK's client closes its connections when it is collected
        }

    }

    /**
     * A keep-alive HTTP/1.1 connection of each client's own
     * ({@link KeepAliveConnection}), the same headers and body: the service's work is the
     * same, the clients' far less.
     */
    private static final class SocketLogins implements Logins {

        private final String headers;

        private final byte[] body;

        private final KeepAliveConnection[] connections;

        SocketLogins(URI sshAuth, String proxyToken, String userToken, int clients) {
            this.headers = "Authorization: Bearer " + proxyToken + "\r\nContent-Type: application/json\r\n";
            this.body = authorizeBody(userToken).getBytes(StandardCharsets.UTF_8);
            this.connections = new KeepAliveConnection[clients];
            for (int c = 0; c < clients; c++) {
                connections[c] = new KeepAliveConnection(sshAuth);
            }
        }

        @Override
        public void authorize(int client) throws IOException {
            KeepAliveConnection.Answer answer = connections[client].post("/v1/ssh/authorize", headers, body);
            expectGranted(answer.status(), answer.text());
        }

        @Override
        public void close() {
            for (KeepAliveConnection connection : connections) {
                connection.close();
            }
        }

    }

    /** Latencies in ns, sorted; throughput over the time the run took. */
    private record Result(long[] sorted, Duration run) {

        double throughput() {
            return sorted.length / (run.toNanos() / 1e9);
        }

        double p50() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        private double percentile(double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
        }

        void print(String name) {
            System.out.printf("%-44s %,12.0f %10.3f %10.3f%n", name, throughput(), p50(), p99());
        }

    }

    /** A growable array of longs. */
    private static final class Latencies {

        private long[] values = new long[1 << 14];

        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }

    }

}
