package io.corral.receptor.client;

import java.time.Duration;
import java.util.Optional;

/**
 * Server-Sent Events framing, one line at a time (split at CR, LF or CRLF, as
 * {@link java.io.BufferedReader#readLine()} and
 * {@code HttpResponse.BodyHandlers.ofLines()} do): fields up to a blank line make one
 * event, a line starting with ':' is a comment. As the specification says, an event
 * without data is not dispatched, but its {@code id:} still counts.
 */
final class SseParser {

    /** One dispatched event; {@code id} is the last id the stream set, empty if none. */
    record SseEvent(String id, String name, String data) {
    }

    private String lastEventId = "";

    private Duration retry;

    private String name = "";

    private StringBuilder data;

    /** The event this line completes, or null. */
    SseEvent accept(String line) {
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
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            case "event" -> name = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            case "retry" -> {
                if (!value.isEmpty() && value.length() < 19 && value.chars().allMatch(Character::isDigit)) {
                    retry = Duration.ofMillis(Long.parseLong(value));
                }
            }
            default -> {
            }
        }
        return null;
    }

    /** The id to resume after: the last {@code id:} the stream set, empty if none. */
    String lastEventId() {
        return lastEventId;
    }

    /** How long the server asked clients to wait before they reconnect, if it did. */
    Optional<Duration> retry() {
        return Optional.ofNullable(retry);
    }

    private SseEvent dispatch() {
        SseEvent event = data == null ? null
                : new SseEvent(lastEventId, name.isEmpty() ? "message" : name, data.toString());
        name = "";
        data = null;
        return event;
    }

}
