package io.corral.receptor.client;

import io.corral.receptor.api.ReceptorEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * A blocking client of the receptor's event stream {@code GET /v1/events}: a reader thread parses
 * the Server-Sent Events into {@link ReceptorEvent}s, which {@link #poll(Duration)} hands out in
 * order. After the stream ends (or on any failure) open a new one with {@link #lastEventId()}.
 */
public final class ReceptorEventStream implements AutoCloseable {

    private static final ReceptorEvent END = new ReceptorEvent(-1, "", null);

    private final Stream<String> lines;
    private final BlockingQueue<ReceptorEvent> events = new LinkedBlockingQueue<>();
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

    /** Opens the stream after {@code lastEventId} (every event with a greater id follows). */
    public static ReceptorEventStream resume(URI baseUri, Supplier<String> token, long lastEventId) {
        return open(HttpClient.newHttpClient(), baseUri, token, OptionalLong.of(lastEventId));
    }

    public static ReceptorEventStream open(HttpClient http, URI baseUri, Supplier<String> token,
            OptionalLong lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve("/v1/events"))
                .header("Authorization", "Bearer " + token.get())
                .header("Accept", "text/event-stream")
                .GET();
        lastEventId.ifPresent(id -> request.header("Last-Event-ID", Long.toString(id)));
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException("receptor at " + baseUri + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the event stream", e);
        }
        if (response.statusCode() != 200) {
            throw error(response);
        }
        return new ReceptorEventStream(response.body(), lastEventId.orElse(0), "receptor-events " + baseUri);
    }

    /** The next event, or null if none arrives within {@code timeout} or the stream has ended. */
    public ReceptorEvent poll(Duration timeout) throws InterruptedException {
        if (ended && events.isEmpty()) {
            return null;
        }
        ReceptorEvent event = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (event == END) {
            events.offer(END);
            return null;
        }
        return event;
    }

    /** The id of the last event received, to resume from; the id it was opened with before any. */
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
        EventParser parser = new EventParser();
        try {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                ReceptorEvent event = parser.accept(it.next());
                if (event != null) {
                    lastEventId = event.id();
                    events.add(event);
                }
            }
        } catch (RuntimeException e) {
            // The connection failed or was closed: the stream has ended either way.
        } finally {
            ended = true;
            events.add(END);
        }
    }

    private static ReceptorException error(HttpResponse<Stream<String>> response) {
        String body;
        try (Stream<String> lines = response.body()) {
            body = lines.collect(Collectors.joining("\n"));
        }
        try {
            JsonNode json = ReceptorJson.mapper().readTree(body);
            return new ReceptorException(response.statusCode(), json.path("name").asString("UnknownError"),
                    json.path("message").asString(""));
        } catch (RuntimeException notJson) {
            return new ReceptorException(response.statusCode(), "UnknownError", body);
        }
    }

    /** Server-Sent Events framing: fields up to a blank line make one event; lines with ':' first are comments. */
    private final class EventParser {

        private String id;
        private String type;
        private StringBuilder data;

        ReceptorEvent accept(String line) {
            if (line.isEmpty()) {
                return dispatch();
            }
            if (line.startsWith(":")) {
                return null;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> type = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { }
            }
            return null;
        }

        private ReceptorEvent dispatch() {
            ReceptorEvent event = null;
            if (data != null) {
                long eventId = id == null ? lastEventId : Long.parseLong(id);
                event = new ReceptorEvent(eventId, type == null ? "message" : type,
                        ReceptorJson.mapper().readTree(data.toString()));
            }
            id = null;
            type = null;
            data = null;
            return event;
        }
    }
}
