package io.corral.receptor.client;

import tools.jackson.databind.JsonNode;

/**
 * One event of {@code GET /v1/events} as it arrived: its {@code id:}, {@code event:} name
 * and {@code data:}. {@link ReceptorEvents#decode(RawEvent)} gives it its type.
 */
public record RawEvent(long id, String type, JsonNode data) {
}
