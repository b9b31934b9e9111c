package io.corral.receptor.client;

import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.api.event.ReceptorEvent.EventsLost;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Follows the receptor's event stream on a daemon thread and hands a {@link Listener}
 * each event, typed. After a break it reconnects with {@code Last-Event-ID}, so it
 * continues after the last event handled; failed attempts wait longer each time, up to
 * {@link Backoff#max()}. The listener's {@link Listener#onResync()} runs after the first
 * connect (a stream without {@code Last-Event-ID} starts from now) and whenever the
 * receptor reports {@code events_lost}: events may have been missed, so the listener
 * reads the current state again. A resumed stream replays every event after the last one
 * handled, or starts with {@code events_lost} when some are gone, so a reconnect to a
 * restarted or another replica costs no full read. A listener that throws breaks the
 * connection; the event comes again after the reconnect.
 */
public final class ReceptorEventFollower implements AutoCloseable {

    private static final System.Logger log = System.getLogger(ReceptorEventFollower.class.getName());

    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /**
     * What a consumer of the receptor's events does; both run on the follower's thread,
     * one at a time.
     */
    public interface Listener {

        /**
         * Events may have been missed (the first connection, or {@code events_lost}):
         * read the current state.
         */
        void onResync();

        void onEvent(ReceptorEvent event);

    }

    /** How the follower waits between attempts; tests replace it. */
    interface Sleeper {

        void sleep(Duration duration) throws InterruptedException;

    }

    private final ReceptorClient receptor;

    private final Listener listener;

    private final Backoff backoff;

    private final Sleeper sleeper;

    private final Thread thread;

    private volatile boolean closed;

    private volatile Stream<String> lines;

    private OptionalLong lastEventId = OptionalLong.empty();

    private ReceptorEventFollower(ReceptorClient receptor, Listener listener, Backoff backoff, Sleeper sleeper) {
        this.receptor = receptor;
        this.listener = listener;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.thread = new Thread(this::follow, "receptor-event-follower");
        thread.setDaemon(true);
    }

    /** Follows the stream from now on until {@link #close()}. */
    public static ReceptorEventFollower start(ReceptorClient receptor, Listener listener) {
        return start(receptor, listener, Backoff.DEFAULT);
    }

    public static ReceptorEventFollower start(ReceptorClient receptor, Listener listener, Backoff backoff) {
        return start(receptor, listener, backoff, duration -> Thread.sleep(duration.toMillis()));
    }

    static ReceptorEventFollower start(ReceptorClient receptor, Listener listener, Backoff backoff, Sleeper sleeper) {
        ReceptorEventFollower follower = new ReceptorEventFollower(receptor, listener, backoff, sleeper);
        follower.thread.start();
        return follower;
    }

    /**
     * Stops following: ends the connection and waits a few seconds for the thread to
     * finish.
     */
    @Override
    public void close() {
        closed = true;
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
        thread.interrupt();
        try {
            thread.join(STOP_WAIT.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void follow() {
        Duration reconnectDelay = backoff.initial();
        Duration delay = reconnectDelay;
        while (!closed) {
            SseParser parser = new SseParser();
            try {
                Stream<String> opened = EventStreamRequest.open(receptor.http(), receptor.baseUri(), receptor.token(),
                        lastEventId);
                delay = reconnectDelay;
                read(opened, parser);
            }
            catch (InterruptedException e) {
                return;
            }
            catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                log.log(Level.WARNING, "receptor event stream at " + receptor.baseUri() + " broke (" + e
                        + "); reconnecting in " + delay.toMillis() + " ms");
            }
            if (parser.retry().isPresent()) {
                reconnectDelay = parser.retry().get();
                delay = reconnectDelay;
            }
            if (!sleep(delay)) {
                return;
            }
            delay = backoff.after(delay);
        }
    }

    private void read(Stream<String> opened, SseParser parser) {
        lines = opened;
        try (opened) {
            if (closed) {
                return;
            }
            if (lastEventId.isEmpty()) {
                listener.onResync();
            }
            Iterator<String> it = opened.iterator();
            while (!closed && it.hasNext()) {
                SseParser.SseEvent event = parser.accept(it.next());
                if (event != null) {
                    handle(event);
                }
            }
        }
        finally {
            lines = null;
        }
    }

    private void handle(SseParser.SseEvent sse) {
        OptionalLong eventId = sse.id().isEmpty() ? lastEventId : OptionalLong.of(Long.parseLong(sse.id()));
        long id = eventId.orElse(0);
        Optional<ReceptorEvent> event = ReceptorEvents.decode(id, sse.name(), sse.data());
        if (event.isEmpty()) {
            log.log(Level.DEBUG, "skipped receptor event " + id + " of unknown type " + sse.name());
        }
        else if (event.get() instanceof EventsLost) {
            listener.onResync();
        }
        else {
            listener.onEvent(event.get());
        }
        lastEventId = eventId;
    }

    /**
     * False when closed meanwhile: a stream ended by {@link #close()} is not followed
     * again.
     */
    private boolean sleep(Duration duration) {
        if (closed) {
            return false;
        }
        try {
            sleeper.sleep(duration);
            return !closed;
        }
        catch (InterruptedException e) {
            return false;
        }
    }

}
