package io.corral.receptor.api;

import tools.jackson.databind.JsonNode;

/** One event of {@code GET /v1/events}: its {@code id:}, {@code event:} name and {@code data:}. */
public record ReceptorEvent(long id, String type, JsonNode data) {
}
