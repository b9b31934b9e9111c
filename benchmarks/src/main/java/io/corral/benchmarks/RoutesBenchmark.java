package io.corral.benchmarks;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.client.ReceptorClient;
import io.corral.routes.emitter.RouteEmitter;
import io.corral.routes.emitter.RoutesProperties;
import io.corral.routes.nats.NatsProperties;
import io.corral.routes.nats.NatsRouters;
import io.corral.routes.table.Endpoint;
import io.corral.routes.table.RegistryMessage;
import io.corral.support.FreePorts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The route emitter at scale ({@code java -jar benchmarks/target/benchmarks.jar routes}):
 * a full sync of {@code lrps} x {@code instances} routes from the receptor's API to the
 * last message on NATS; re-registering every route (the heartbeat) against raw jnats
 * publishing of the same messages from one client, as a ratio; event-to-publish latency
 * while {@code changes-per-second} instance changes flow; the table's memory. NATS is the
 * machine's at 127.0.0.1:4222, else a {@code nats-server} from PATH on a free port.
 */
final class RoutesBenchmark {

    private static final Map<String, String> DEFAULTS = Map.of("lrps", "25000", "instances", "10", "changes-per-second",
            "1000", "change-seconds", "10", "heartbeats", "3", "nats", "");

    private RoutesBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkArguments options = BenchmarkArguments.parse("routes", DEFAULTS, args, System.getProperties());
        int lrps = options.integer("lrps");
        int instances = options.integer("instances");
        int routes = lrps * instances;
        Process ownNats = null;
        String nats = options.string("nats");
        if (nats.isEmpty()) {
            if (answers(4222)) {
                nats = "nats://127.0.0.1:4222";
            }
            else {
                int port = FreePorts.pick();
                ownNats = startNatsServer(port);
                nats = "nats://127.0.0.1:" + port;
            }
        }
        System.out.printf("route emitter benchmark: %,d routes (%,d LRPs x %d instances), NATS %s, load %s%n", routes,
                lrps, instances, nats, load());
        try (StubReceptor receptor = new StubReceptor(lrps, instances); Listener listener = new Listener(nats)) {
            NatsRouters routers = new NatsRouters(
                    new NatsProperties(List.of(nats), Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(1)));
            routers.start();
            awaitConnected(routers);
            RouteEmitter emitter = new RouteEmitter(new ReceptorClient(receptor.uri(), () -> "benchmark"), routers,
                    new RoutesProperties(Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofSeconds(20), 3,
                            10_000),
                    new SimpleMeterRegistry());
            emitter.publishWhile(() -> true);

            ReceptorClient reader = new ReceptorClient(receptor.uri(), () -> "benchmark");
            for (String round : List.of("cold", "warm")) {
                long reading = System.nanoTime();
                int read = reader.actualLrps().size() + reader.desiredLrps().size() + reader.cells().size();
                System.out.printf("  reading the receptor API alone, %s (%,d records, HTTP and JSON): %.2f s%n", round,
                        read, seconds(reading));
            }
            long writing = System.nanoTime();
            receptor.writeAll(java.io.OutputStream.nullOutputStream());
            System.out.printf("  of which the stub receptor's own JSON writing (same CPUs): %.2f s%n",
                    seconds(writing));
            long heapBefore = liveHeap();
            double syncSeconds = fullSync(emitter, listener, routes);
            long tableBytes = liveHeap() - heapBefore;
            System.out.printf(
                    "full sync of %,d routes, receptor API to the last message on NATS: %.2f s " + "(goal < 5 s)%n",
                    routes, syncSeconds);
            System.out.printf("route table at %,d routes: %.1f MB of heap (live heap after a full GC, "
                    + "before and after the sync)%n", routes, tableBytes / 1e6);

            double ours = heartbeats(emitter, listener, routes, options.integer("heartbeats"));
            double raw = rawJnats(nats, emitter.snapshot().endpoints(), listener, options.integer("heartbeats"));
            System.out.printf("re-registration (heartbeat): ours %,.0f msg/s, raw jnats (same messages, one "
                    + "client) %,.0f msg/s, ratio %.2f (goal >= 0.50)%n", ours, raw, ours / raw);

            changes(emitter, receptor, listener, lrps, instances, options.integer("changes-per-second"),
                    options.integer("change-seconds"));
            routers.stop();
        }
        finally {
            if (ownNats != null) {
                ownNats.destroy();
            }
        }
        System.out.printf("load after: %s%n", load());
    }

    private static double fullSync(RouteEmitter emitter, Listener listener, int routes) {
        listener.reset();
        long started = System.nanoTime();
        emitter.sync();
        double published = seconds(started);
        listener.awaitRegisters(routes);
        double last = (listener.lastAt() - started) / 1e9;
        System.out.printf("  sync() returned after %.2f s; the last register reached a subscriber after %.2f s%n",
                published, last);
        return last;
    }

    private static double heartbeats(RouteEmitter emitter, Listener listener, int routes, int rounds) {
        double best = 0;
        for (int i = 0; i < rounds; i++) {
            listener.reset();
            long started = System.nanoTime();
            emitter.registerAll();
            listener.awaitRegisters(routes);
            best = Math.max(best, routes / ((listener.lastAt() - started) / 1e9));
        }
        return best;
    }

    /** The same messages, prebuilt, published by one plain jnats client. */
    private static double rawJnats(String nats, java.util.Collection<Endpoint> endpoints, Listener listener,
            int rounds) {
        List<byte[]> messages = new ArrayList<>(endpoints.size());
        endpoints.forEach(endpoint -> messages.add(RegistryMessage.json(endpoint)));
        double best = 0;
        try (Connection raw = Nats
            .connect(new Options.Builder().server(nats).maxMessagesInOutgoingQueue(200_000).build())) {
            for (int i = 0; i < rounds; i++) {
                listener.reset();
                long started = System.nanoTime();
                for (byte[] message : messages) {
                    raw.publish(RegistryMessage.REGISTER, message);
                }
                listener.awaitRegisters(messages.size());
                best = Math.max(best, messages.size() / ((listener.lastAt() - started) / 1e9));
            }
        }
        catch (IOException | InterruptedException e) {
            throw new IllegalStateException("raw jnats publishing failed", e);
        }
        return best;
    }

    /**
     * {@code perSecond} changes a second: an instance's {@code since} changes (as it does
     * when it restarts in place), each one's register timed from the event to the
     * subscriber.
     */
    private static void changes(RouteEmitter emitter, StubReceptor receptor, Listener listener, int lrps, int instances,
            int perSecond, int seconds) {
        listener.reset();
        int total = perSecond * seconds;
        long intervalNanos = 1_000_000_000L / perSecond;
        long started = System.nanoTime();
        long[] emitted = new long[total];
        for (int i = 0; i < total; i++) {
            long due = started + i * intervalNanos;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            int lrp = i % lrps;
            int index = (i / lrps) % instances;
            ActualLrp before = receptor.running(lrp, index, 1L);
            ActualLrp after = receptor.running(lrp, index, 1_000_000L + i);
            listener.expect(1_000_000L + i, i);
            emitted[i] = System.nanoTime();
            emitter.onEvent(new ReceptorEvent.ActualLrpChanged(i, before, after));
        }
        listener.awaitRegisters(total);
        long[] latencies = new long[total];
        for (int i = 0; i < total; i++) {
            latencies[i] = listener.arrivalOf(i) - emitted[i];
        }
        Arrays.sort(latencies);
        double actualRate = total / seconds(started);
        System.out.printf(
                "event to register on NATS at %,.0f changes/s for %d s: p50 %.2f ms, p99 %.2f ms, "
                        + "max %.2f ms (goal p99 < 50 ms)%n",
                actualRate, seconds, latencies[total / 2] / 1e6, latencies[(int) (total * 0.99)] / 1e6,
                latencies[total - 1] / 1e6);
    }

    private static void awaitConnected(NatsRouters routers) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!routers.isConnected()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the emitter could not connect to NATS");
            }
            DatabaseProbe.sleep(Duration.ofMillis(20));
        }
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (IOException e) {
            return "unknown";
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static Process startNatsServer(int port) {
        try {
            Process process = new ProcessBuilder("nats-server", "-a", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!answers(port)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nats-server did not start on port " + port);
                }
                DatabaseProbe.sleep(Duration.ofMillis(50));
            }
            return process;
        }
        catch (IOException e) {
            throw new IllegalStateException("no NATS at 127.0.0.1:4222 and no nats-server on PATH", e);
        }
    }

    /** A router's view: counts registers, and when the last one arrived. */
    private static final class Listener implements AutoCloseable {

        private static final byte[] UPDATED_AT = "\"endpoint_updated_at_ns\":".getBytes(StandardCharsets.UTF_8);

        private final Connection connection;

        private final AtomicLong registers = new AtomicLong();

        private volatile long lastAt;

        private final Map<Long, Integer> expected = new ConcurrentHashMap<>();

        private final Map<Integer, Long> arrivals = new ConcurrentHashMap<>();

        Listener(String nats) {
            try {
                connection = Nats.connect(new Options.Builder().server(nats).build());
                Dispatcher dispatcher = connection.createDispatcher(message -> {
                    lastAt = System.nanoTime();
                    registers.incrementAndGet();
                    if (!expected.isEmpty()) {
                        Integer change = expected.get(updatedAt(message.getData()));
                        if (change != null) {
                            arrivals.putIfAbsent(change, lastAt);
                        }
                    }
                });
                dispatcher.subscribe(RegistryMessage.REGISTER);
                dispatcher.setPendingLimits(-1, -1);
                connection.flush(Duration.ofSeconds(5));
            }
            catch (Exception e) {
                throw new IllegalStateException("could not subscribe to NATS at " + nats, e);
            }
        }

        void reset() {
            registers.set(0);
            expected.clear();
            arrivals.clear();
        }

        void expect(long updatedAt, int change) {
            expected.put(updatedAt, change);
        }

        long arrivalOf(int change) {
            return arrivals.get(change);
        }

        long lastAt() {
            return lastAt;
        }

        void awaitRegisters(long count) {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (registers.get() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + registers.get() + " of " + count + " registers arrived");
                }
                DatabaseProbe.sleep(Duration.ofMillis(2));
            }
        }

        private static long updatedAt(byte[] payload) {
            int at = indexOf(payload, UPDATED_AT);
            if (at < 0) {
                return -1;
            }
            long value = 0;
            for (int i = at + UPDATED_AT.length; i < payload.length && Character.isDigit(payload[i]); i++) {
                value = value * 10 + (payload[i] - '0');
            }
            return value;
        }

        private static int indexOf(byte[] data, byte[] part) {
            outer: for (int i = 0; i <= data.length - part.length; i++) {
                for (int j = 0; j < part.length; j++) {
                    if (data[i + j] != part[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        @Override
        public void close() {
            try {
                connection.close();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

    }

}
