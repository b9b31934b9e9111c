package io.corral.routes.web;

import io.corral.routes.emitter.RouteEmitter;
import io.corral.routes.emitter.RouteEmitter.TableSnapshot;
import io.corral.routes.table.Endpoint;
import io.corral.routes.table.RouteChangeLog.Change;
import io.corral.routes.table.RouteDiff;
import io.corral.routes.table.RouterShards;
import io.corral.support.Threads;
import io.corral.support.web.SseText;
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

    /** Writes the stream's events as they come, those found at one look in one write. */
    private void follow(SseEmitter sse, RouterShards shards, OptionalLong lastEventId) {
        SseText text = new SseText();
        try {
            long known = lastEventId.isPresent() && emitter.changes().after(lastEventId.getAsLong()).isPresent()
                    ? lastEventId.getAsLong() : snapshot(text, shards);
            text.writeTo(sse);
            while (running && open.contains(sse)) {
                Optional<List<Change>> changes = emitter.changes().after(known);
                if (changes.isEmpty()) {
                    known = snapshot(text, shards);
                }
                else if (changes.get().isEmpty()) {
                    emitter.changes().awaitAfter(known, HEARTBEAT.toMillis());
                    if (emitter.changes().version() == known) {
                        text.comment("heartbeat");
                    }
                }
                else {
                    known = append(changes.get(), text, shards, sse);
                }
                text.writeTo(sse);
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

    private long snapshot(SseText text, RouterShards shards) {
        TableSnapshot snapshot = emitter.snapshot();
        List<Endpoint> served = snapshot.endpoints().stream().filter(e -> e.servedBy(shards)).toList();
        text.event(snapshot.version(), "snapshot", RouteJson.routes(served));
        return snapshot.version();
    }

    /**
     * Appends the changes, writing whenever the text is full; answers the last version.
     */
    private static long append(List<Change> changes, SseText text, RouterShards shards, SseEmitter sse)
            throws IOException {
        for (Change change : changes) {
            append(change, text, shards);
            if (text.full()) {
                text.writeTo(sse);
            }
        }
        return changes.get(changes.size() - 1).version();
    }

    /**
     * A change's unregisters, then its registers; the last of the two carries the
     * change's version as its id, so a client that resumes from it has both.
     */
    private static void append(Change change, SseText text, RouterShards shards) {
        RouteDiff diff = change.diff().servedBy(shards);
        if (!diff.unregisters().isEmpty()) {
            String routes = RouteJson.routes(diff.unregisters());
            if (diff.registers().isEmpty()) {
                text.event(change.version(), "unregister", routes);
            }
            else {
                text.event("unregister", routes);
            }
        }
        if (!diff.registers().isEmpty()) {
            text.event(change.version(), "register", RouteJson.routes(diff.registers()));
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
