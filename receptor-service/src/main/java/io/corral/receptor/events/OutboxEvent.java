package io.corral.receptor.events;

import io.corral.receptor.client.ReceptorJson;

/**
 * An event as it is written to the {@code events} outbox: its type and its JSON text.
 */
public record OutboxEvent(String type, String data) {

    static OutboxEvent of(String type, Object data) {
        return new OutboxEvent(type, ReceptorJson.mapper().writeValueAsString(data));
    }

}
