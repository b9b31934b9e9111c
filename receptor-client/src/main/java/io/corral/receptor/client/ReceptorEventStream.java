package io.corral.receptor.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Iterator;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A blocking client of the receptor's event stream {@code GET /v1/events}: a reader
 * thread parses the Server-Sent Events into {@link RawEvent}s, which
 * {@link #poll(Duration)} hands out in order. After the stream ends (or on any failure)
 * open a new one with {@link #lastEventId()}.
 */
public final class ReceptorEventStream implements AutoCloseable {

    private static final RawEvent END = new RawEvent(-1, "", null);

    private final Stream<String> lines;

    private final BlockingQueue<RawEvent> events = new LinkedBlockingQueue<>();

    private final Thread reader;

    private volatile boolean ended;

    private volatile long lastEventId;

    private ReceptorEventStream(Stream<String> lines, long lastEventId, String name) {
        this.lines = lines;
        this.lastEventId = lastEventId;
        this.reader = new Thread(this::read, name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream from now on. */
    public static ReceptorEventStream open(URI baseUri, Supplier<String> token) {
        return open(HttpClient.newHttpClient(), baseUri, token, OptionalLong.empty());
    }

    /**
     * Opens the stream after {@code lastEventId} (every event with a greater id follows).
     */
    public static ReceptorEventStream resume(URI baseUri, Supplier<String> token, long lastEventId) {
        return open(HttpClient.newHttpClient(), baseUri, token, OptionalLong.of(lastEventId));
    }

    public static ReceptorEventStream open(HttpClient http, URI baseUri, Supplier<String> token,
            OptionalLong lastEventId) {
        Stream<String> lines;
        try {
            lines = EventStreamRequest.open(http, baseUri, token, lastEventId);
        }
        catch (IOException e) {
            throw new UncheckedIOException("receptor at " + baseUri + " did not answer", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the event stream", e);
        }
        return new ReceptorEventStream(lines, lastEventId.orElse(0), "receptor-events " + baseUri);
    }

    /**
     * The next event, or null if none arrives within {@code timeout} or the stream has
     * ended.
     */
    public RawEvent poll(Duration timeout) throws InterruptedException {
        if (ended && events.isEmpty()) {
            return null;
        }
        RawEvent event = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (event == END) {
            events.offer(END);
            return null;
        }
        return event;
    }

    /**
     * The id of the last event received, to resume from; the id it was opened with before
     * any.
     */
    public long lastEventId() {
        return lastEventId;
    }

    /** False once the server has ended the stream or the connection failed. */
    public boolean isOpen() {
        return !ended;
    }

    @Override
    public void close() {
        ended = true;
        lines.close();
        reader.interrupt();
    }

    private void read() {
        SseParser parser = new SseParser();
        try {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                SseParser.SseEvent event = parser.accept(it.next());
                if (event != null) {
                    long id = event.id().isEmpty() ? lastEventId : Long.parseLong(event.id());
                    lastEventId = id;
                    events.add(new RawEvent(id, event.name(), ReceptorJson.mapper().readTree(event.data())));
                }
            }
        }
        catch (RuntimeException e) {
            // The connection failed or was closed: the stream has ended either way.
        }
        finally {
            ended = true;
            events.add(END);
        }
    }

}
