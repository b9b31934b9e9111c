package io.corral.receptor.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.EventsLost;
import io.corral.receptor.api.event.ReceptorEvent.TaskRemoved;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReceptorEventFollowerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400));

    private static final String ACTUAL_LRP = "{\"actual_lrp\":{\"process_guid\":\"web\",\"index\":0,"
            + "\"state\":\"UNCLAIMED\",\"since\":1,\"crash_count\":0,\"evacuating\":false}}";

    private final CannedReceptor receptor = new CannedReceptor();

    private final RecordingListener listener = new RecordingListener();

    private final RecordingSleeper sleeper = new RecordingSleeper();

    private ReceptorEventFollower follower;

    @AfterEach
    void stop() {
        if (follower != null) {
            follower.close();
        }
        receptor.close();
    }

    @Test
    void resumesAfterTheLastEventAndResyncsOnTheFirstConnectAndOnEventsLostOnly() throws Exception {
        receptor.answer(200, event(1, DesiredLrpCreated.NAME, "{\"desired_lrp\":{\"process_guid\":\"web\"}}")
                + ":heartbeat\n\n" + event(2, ActualLrpCreated.NAME, ACTUAL_LRP));
        receptor.answer(200, event(5, EventsLost.NAME, "{\"last_event_id\":2,\"oldest_event_id\":6}")
                + event(6, TaskRemoved.NAME, "{\"task\":{\"task_guid\":\"t\"}}") + event(7, "lrp_evacuated", "{}"));
        receptor.answer(200, event(8, TaskRemoved.NAME, "{\"task\":{\"task_guid\":\"u\"}}"));

        follower = ReceptorEventFollower.start(receptor.client(), listener, BACKOFF, sleeper);

        assertThat(listener.take(6)).containsExactly("resync", "event 1 DesiredLrpCreated", "event 2 ActualLrpCreated",
                "resync", "event 6 TaskRemoved", "event 8 TaskRemoved");
        assertThat(receptor.lastEventIds()).startsWith("none", "2", "7");
    }

    @Test
    void waitsLongerAfterEachRefusalUpToTheBoundAndStartsOverOnceConnected() throws Exception {
        receptor.answer(503, "{\"name\":\"ServiceUnavailable\"}");
        receptor.answer(503, "{\"name\":\"ServiceUnavailable\"}");
        receptor.answer(502, "bad gateway");
        receptor.answer(500, "");
        receptor.answer(200, event(1, TaskRemoved.NAME, "{\"task\":{\"task_guid\":\"t\"}}"));
        receptor.answer(503, "");

        follower = ReceptorEventFollower.start(receptor.client(), listener, BACKOFF, sleeper);

        assertThat(listener.take(2)).containsExactly("resync", "event 1 TaskRemoved");
        receptor.awaitConnections(7);
        assertThat(sleeper.delays()).startsWith(millis(100, 200, 400, 400, 100, 200));
        assertThat(receptor.lastEventIds()).startsWith("none", "none", "none", "none", "none", "1", "1");
    }

    @Test
    void backsOffWhileNothingListens() throws Exception {
        URI nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        sleeper.blockAfter(4);

        follower = ReceptorEventFollower.start(new ReceptorClient(nobody, () -> "token"), listener, BACKOFF, sleeper);

        assertThat(sleeper.awaitBlocked()).containsExactly(millis(100, 200, 400, 400));
        assertThat(listener.calls).isEmpty();
    }

    @Test
    void closeStopsFollowingAnOpenStream() throws Exception {
        follower = ReceptorEventFollower.start(receptor.client(), listener, BACKOFF, sleeper);
        assertThat(listener.take(1)).containsExactly("resync");

        follower.close();

        assertThat(receptor.lastEventIds()).containsExactly("none");
        assertThat(sleeper.delays()).isEmpty();
    }

    private static String event(long id, String name, String data) {
        return "id: " + id + "\nevent: " + name + "\ndata: " + data + "\n\n";
    }

    private static Duration[] millis(long... values) {
        return Arrays.stream(values).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
    }

    /**
     * Answers each {@code GET /v1/events} with the next canned answer: a status and body,
     * after which it ends the response. Without one left it keeps the stream open until
     * closed.
     */
    private static final class CannedReceptor implements AutoCloseable {

        private final HttpServer server;

        private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

        private final List<String> lastEventIds = Collections.synchronizedList(new ArrayList<>());

        private final CountDownLatch closing = new CountDownLatch(1);

        CannedReceptor() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            }
            catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/v1/events", this::handle);
            server.start();
        }

        ReceptorClient client() {
            return new ReceptorClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), () -> "token");
        }

        void answer(int status, String body) {
            answers.add(new Answer(status, body));
        }

        void awaitConnections(int count) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (lastEventIds().size() < count) {
                assertThat(System.nanoTime()).as("%d connections", count).isLessThan(deadline);
                Thread.sleep(10);
            }
        }

        List<String> lastEventIds() {
            synchronized (lastEventIds) {
                return List.copyOf(lastEventIds);
            }
        }

        private void handle(HttpExchange exchange) throws IOException {
            String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
            lastEventIds.add(lastEventId == null ? "none" : lastEventId);
            Answer answer = answers.poll();
            try (exchange; OutputStream out = exchange.getResponseBody()) {
                exchange.getResponseHeaders()
                    .set("Content-Type",
                            answer == null || answer.status() == 200 ? "text/event-stream" : "application/json");
                exchange.sendResponseHeaders(answer == null ? 200 : answer.status(), 0);
                if (answer == null) {
                    out.write(":heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    closing.await();
                }
                else {
                    out.write(answer.body().getBytes(StandardCharsets.UTF_8));
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            closing.countDown();
            server.stop(0);
        }

        private record Answer(int status, String body) {
        }

    }

    private static final class RecordingListener implements ReceptorEventFollower.Listener {

        private final BlockingQueue<String> calls = new LinkedBlockingQueue<>();

        @Override
        public void onResync() {
            calls.add("resync");
        }

        @Override
        public void onEvent(ReceptorEvent event) {
            calls.add("event " + event.id() + " " + event.getClass().getSimpleName());
        }

        List<String> take(int count) throws InterruptedException {
            List<String> taken = new ArrayList<>();
            while (taken.size() < count) {
                String call = calls.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(call).as("call %d of %d, after %s", taken.size() + 1, count, taken).isNotNull();
                taken.add(call);
            }
            return taken;
        }

    }

    /**
     * Records the follower's waits without waiting; after {@code blockAfter} of them it
     * waits until closed.
     */
    private static final class RecordingSleeper implements ReceptorEventFollower.Sleeper {

        private final List<Duration> delays = Collections.synchronizedList(new ArrayList<>());

        private final CountDownLatch blocked = new CountDownLatch(1);

        private volatile int blockAfter = Integer.MAX_VALUE;

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            delays.add(duration);
            if (delays.size() >= blockAfter) {
                blocked.countDown();
                new CountDownLatch(1).await();
            }
        }

        void blockAfter(int count) {
            blockAfter = count;
        }

        List<Duration> awaitBlocked() throws InterruptedException {
            assertThat(blocked.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the follower's waits").isTrue();
            return delays();
        }

        List<Duration> delays() {
            synchronized (delays) {
                return List.copyOf(delays);
            }
        }

    }

}
