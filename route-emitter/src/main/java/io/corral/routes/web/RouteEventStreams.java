package io.corral.routes.web;

import io.corral.routes.emitter.RouteEmitter;
import io.corral.routes.emitter.RouteEmitter.TableSnapshot;
import io.corral.routes.table.Endpoint;
import io.corral.routes.table.RouteChangeLog.Change;
import io.corral.routes.table.RouteDiff;
import io.corral.routes.table.RouterShards;
import io.corral.support.Threads;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open {@code GET /v1/routes/events} streams: each gets a {@code snapshot} (unless it
 * resumes with an id whose changes are still kept), then the table's changes as
 * {@code unregister} and {@code register} events, a heartbeat comment every 15 s when
 * idle. A client that falls behind the kept changes gets a new snapshot. Streams end
 * before the web server shuts down.
 */
@Component
public class RouteEventStreams implements SmartLifecycle {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final RouteEmitter emitter;

    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();

    private final ExecutorService writers = Executors.newCachedThreadPool(Threads.daemon("route-events"));

    private volatile boolean running;

    public RouteEventStreams(RouteEmitter emitter) {
        this.emitter = emitter;
    }

    SseEmitter open(RouterShards shards, OptionalLong lastEventId) {
        SseEmitter sse = new SseEmitter(-1L);
        open.add(sse);
        sse.onCompletion(() -> open.remove(sse));
        sse.onError(error -> open.remove(sse));
        writers.execute(() -> follow(sse, shards, lastEventId));
        return sse;
    }

    private void follow(SseEmitter sse, RouterShards shards, OptionalLong lastEventId) {
        try {
            long known = lastEventId.isPresent() && emitter.changes().after(lastEventId.getAsLong()).isPresent()
                    ? lastEventId.getAsLong() : snapshot(sse, shards);
            while (running && open.contains(sse)) {
                Optional<List<Change>> changes = emitter.changes().after(known);
                if (changes.isEmpty()) {
                    known = snapshot(sse, shards);
                    continue;
                }
                for (Change change : changes.get()) {
                    send(sse, change, shards);
                    known = change.version();
                }
                if (changes.get().isEmpty()) {
                    emitter.changes().awaitAfter(known, HEARTBEAT.toMillis());
                    if (emitter.changes().version() == known) {
                        sse.send(SseEmitter.event().comment("heartbeat"));
                    }
                }
            }
        }
        catch (IOException | IllegalStateException clientGone) {
            sse.completeWithError(clientGone);
        }
        catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            sse.complete();
        }
    }

    private long snapshot(SseEmitter sse, RouterShards shards) throws IOException {
        TableSnapshot snapshot = emitter.snapshot();
        List<Endpoint> served = snapshot.endpoints().stream().filter(e -> e.servedBy(shards)).toList();
        sse.send(SseEmitter.event()
            .id(Long.toString(snapshot.version()))
            .name("snapshot")
            .data(RouteJson.routes(served), MediaType.APPLICATION_JSON));
        return snapshot.version();
    }

    private static void send(SseEmitter sse, Change change, RouterShards shards) throws IOException {
        RouteDiff diff = change.diff().servedBy(shards);
        String id = Long.toString(change.version());
        if (!diff.unregisters().isEmpty()) {
            SseEmitter.SseEventBuilder event = SseEmitter.event()
                .name("unregister")
                .data(RouteJson.routes(diff.unregisters()), MediaType.APPLICATION_JSON);
            sse.send(diff.registers().isEmpty() ? event.id(id) : event);
        }
        if (!diff.registers().isEmpty()) {
            sse.send(SseEmitter.event()
                .id(id)
                .name("register")
                .data(RouteJson.routes(diff.registers()), MediaType.APPLICATION_JSON));
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        open.forEach(SseEmitter::complete);
        writers.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

}
