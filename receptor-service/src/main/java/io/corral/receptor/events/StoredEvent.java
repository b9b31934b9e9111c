package io.corral.receptor.events;

import java.time.Duration;

/**
 * One row of the {@code events} outbox; {@code data} is the event's JSON text as written.
 * {@code sinceWritten} is how long before it was read the transaction that wrote it
 * began, by the database's clock.
 */
public record StoredEvent(long id, String type, String data, Duration sinceWritten) {
}
