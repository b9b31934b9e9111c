package io.corral.receptor.events;

/**
 * One row of the {@code events} outbox; {@code data} is the event's JSON text as written.
 */
public record StoredEvent(long id, String type, String data) {
}
