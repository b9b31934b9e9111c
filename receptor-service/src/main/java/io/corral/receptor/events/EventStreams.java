package io.corral.receptor.events;

import io.corral.support.Threads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open event streams of this replica: opens them, sends their heartbeats, counts
 * them, and ends them before the web server shuts down (an open stream would hold up a
 * graceful shutdown). Heartbeats have a thread of their own, never shared with work that
 * waits on the database, so streams stay open while the database is unreachable.
 */
@Component
public class EventStreams implements SmartLifecycle, DisposableBean {

    private final EventFanout fanout;

    private final EventStore store;

    private final EventProperties properties;

    private final Counter delivered;

    private final Set<EventStream> open = ConcurrentHashMap.newKeySet();

    private final ExecutorService writers = Executors.newCachedThreadPool(Threads.daemon("event-stream"));

    private ScheduledExecutorService heartbeats;

    private volatile boolean running;

    public EventStreams(EventFanout fanout, EventStore store, EventProperties properties, MeterRegistry meters) {
        this.fanout = fanout;
        this.store = store;
        this.properties = properties;
        this.delivered = Counter.builder("corral.events.delivered")
            .description("Events written to clients of GET /v1/events")
            .register(meters);
        meters.gauge("corral.events.subscribers", open, Set::size);
    }

    /** A stream from {@code lastEventId} (exclusive), or from now on when absent. */
    public SseEmitter open(OptionalLong lastEventId) {
        long timeout = properties.streamTimeout().toMillis();
        SseEmitter emitter = new SseEmitter(timeout == 0 ? -1L : timeout);
        EventStream stream = new EventStream(emitter, store, fanout, properties, writers, delivered::increment,
                open::remove);
        open.add(stream);
        stream.start(lastEventId);
        return emitter;
    }

    @Override
    public void start() {
        running = true;
        heartbeats = Executors.newSingleThreadScheduledExecutor(Threads.daemon("event-heartbeat"));
        long interval = properties.heartbeatInterval().toMillis();
        heartbeats.scheduleWithFixedDelay(() -> open.forEach(EventStream::heartbeat), interval, interval,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        heartbeats.shutdown();
        open.forEach(EventStream::end);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        writers.shutdownNow();
    }

}
