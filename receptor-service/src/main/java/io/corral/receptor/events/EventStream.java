package io.corral.receptor.events;

import io.corral.receptor.api.event.ReceptorEvent.EventsLost;
import io.corral.support.web.SseText;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's {@code GET /v1/events}: replays the stored events after its
 * {@code Last-Event-ID}, then sends the live ones. Only the writer task touches the
 * emitter, and at most one runs per stream, so a slow client blocks nobody but itself.
 *
 * <p>
 * The hand-over from replay to live: the stream subscribes to the fanout before it reads
 * the outbox and queues the live events it is handed meanwhile. An event committed after
 * the last read of the outbox has an id above everything that read returned (ids are
 * handed out in commit order), so it reaches the queue; the writer sends a queued event
 * only if its id is above the last one sent, so none is missing and none repeated. If the
 * queue overflows during the replay it is emptied and the replay reads the outbox once
 * more, which holds every dropped event.
 */
final class EventStream implements EventFanout.Subscriber {

    private final SseEmitter emitter;

    private final EventStore store;

    private final EventFanout fanout;

    private final EventProperties properties;

    private final Executor writer;

    private final IntConsumer onSent;

    private final Consumer<EventStream> onClosed;

    // Guarded by this.
    private final ArrayDeque<StoredEvent> queue = new ArrayDeque<>();

    private boolean replaying;

    private boolean droppedWhileReplaying;

    private boolean heartbeatDue;

    private boolean ending;

    private boolean writing;

    private boolean closed;

    // Set by start, then written by the writer task only; tasks of one stream never
    // overlap.
    private long lastSentId;

    EventStream(SseEmitter emitter, EventStore store, EventFanout fanout, EventProperties properties, Executor writer,
            IntConsumer onSent, Consumer<EventStream> onClosed) {
        this.emitter = emitter;
        this.store = store;
        this.fanout = fanout;
        this.properties = properties;
        this.writer = writer;
        this.onSent = onSent;
        this.onClosed = onClosed;
    }

    /**
     * Starts sending: after {@code lastEventId} when the client resumes, else from now
     * on.
     */
    void start(OptionalLong lastEventId) {
        emitter.onCompletion(this::close);
        emitter.onError(error -> close());
        emitter.onTimeout(emitter::complete);
        synchronized (this) {
            replaying = lastEventId.isPresent();
            lastSentId = lastEventId.orElse(0);
            // The response headers go out with the first write: write at once, not at the
            // first event.
            heartbeatDue = true;
        }
        fanout.subscribe(this);
        schedule();
    }

    @Override
    public synchronized void deliver(List<StoredEvent> events) {
        if (ending || closed) {
            return;
        }
        if (queue.size() + events.size() <= properties.clientQueueSize()) {
            queue.addAll(events);
        }
        else if (replaying) {
            queue.clear();
            droppedWhileReplaying = true;
        }
        else {
            // Too slow to keep up: end the stream; the client resumes with Last-Event-ID.
            queue.clear();
            ending = true;
        }
        schedule();
    }

    synchronized void heartbeat() {
        heartbeatDue = true;
        schedule();
    }

    /** Ends the stream from the server's side, e.g. on shutdown. */
    synchronized void end() {
        ending = true;
        schedule();
    }

    private synchronized void schedule() {
        if (!writing && !closed) {
            writing = true;
            writer.execute(this::write);
        }
    }

    private void write() {
        SseText text = new SseText();
        try {
            if (isReplaying()) {
                replay(text);
            }
            for (Work work = takeWork(); work != null; work = takeWork()) {
                if (work.end()) {
                    emitter.complete();
                    close();
                    return;
                }
                if (work.heartbeat()) {
                    text.comment("heartbeat");
                }
                send(work.events(), text);
            }
        }
        catch (IOException | RuntimeException e) {
            // The client went away (or the outbox could not be read): it resumes with
            // Last-Event-ID.
            close();
        }
    }

    private synchronized boolean isReplaying() {
        return replaying;
    }

    private void replay(SseText text) throws IOException {
        skipLostEvents(text);
        List<StoredEvent> page;
        do {
            page = store.after(lastSentId, properties.batchSize());
            send(page, text);
        }
        while (page.size() == properties.batchSize() || !caughtUp());
    }

    /** Ends the replay unless live events were dropped since it began its last read. */
    private synchronized boolean caughtUp() {
        if (droppedWhileReplaying) {
            droppedWhileReplaying = false;
            return false;
        }
        replaying = false;
        return true;
    }

    /**
     * A client whose last id is older than the oldest event kept (or newer than any
     * event, as after the database was replaced) gets {@code events_lost} and continues
     * from the oldest event kept; it should read the current state again.
     */
    private void skipLostEvents(SseText text) throws IOException {
        long latest = store.latestId();
        OptionalLong oldest = store.oldestId();
        long continueAfter = oldest.isPresent() ? oldest.getAsLong() - 1 : 0;
        if (lastSentId < continueAfter || lastSentId > latest) {
            text.event(continueAfter, EventsLost.NAME,
                    "{\"last_event_id\":" + lastSentId + ",\"oldest_event_id\":" + (continueAfter + 1) + "}");
            text.writeTo(emitter);
            lastSentId = continueAfter;
        }
    }

    /** The next thing to write, or null (and the task ends) when there is none. */
    private synchronized Work takeWork() {
        if (closed || (queue.isEmpty() && !heartbeatDue && !ending)) {
            writing = false;
            return null;
        }
        Work work = new Work(List.copyOf(queue), heartbeatDue && queue.isEmpty(), ending);
        queue.clear();
        heartbeatDue = false;
        return work;
    }

    /**
     * Sends the events not sent yet, with whatever {@code text} holds, and flushes: one
     * write for the lot unless it is large.
     */
    private void send(List<StoredEvent> events, SseText text) throws IOException {
        for (StoredEvent event : events) {
            if (event.id() > lastSentId) {
                text.event(event.id(), event.type(), event.data());
                lastSentId = event.id();
                if (text.full()) {
                    onSent.accept(text.writeTo(emitter));
                }
            }
        }
        onSent.accept(text.writeTo(emitter));
    }

    private void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
        }
        fanout.unsubscribe(this);
        onClosed.accept(this);
    }

    private record Work(List<StoredEvent> events, boolean heartbeat, boolean end) {
    }

}
