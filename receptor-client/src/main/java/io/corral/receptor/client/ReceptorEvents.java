package io.corral.receptor.client;

import static io.corral.receptor.api.event.RecordKind.ACTUAL_LRP;
import static io.corral.receptor.api.event.RecordKind.DESIRED_LRP;
import static io.corral.receptor.api.event.RecordKind.TASK;

import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpRemoved;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.DesiredLrpRemoved;
import io.corral.receptor.api.event.ReceptorEvent.EventsLost;
import io.corral.receptor.api.event.ReceptorEvent.TaskChanged;
import io.corral.receptor.api.event.ReceptorEvent.TaskCreated;
import io.corral.receptor.api.event.ReceptorEvent.TaskRemoved;
import io.corral.receptor.api.event.RecordKind;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads an event of the receptor's stream, as its id, {@code event:} name and JSON data,
 * into its type.
 */
public final class ReceptorEvents {

    private ReceptorEvents() {
    }

    /**
     * The typed event; empty for a name this client does not know (a newer receptor's,
     * say).
     */
    public static Optional<ReceptorEvent> decode(long id, String name, String data) {
        return decode(id, name, ReceptorJson.mapper().readTree(data));
    }

    public static Optional<ReceptorEvent> decode(long id, String name, JsonNode data) {
        return Optional.ofNullable(switch (name) {
            case DesiredLrpCreated.NAME -> new DesiredLrpCreated(id, record(data, DESIRED_LRP));
            case DesiredLrpChanged.NAME ->
                new DesiredLrpChanged(id, before(data, DESIRED_LRP), after(data, DESIRED_LRP));
            case DesiredLrpRemoved.NAME -> new DesiredLrpRemoved(id, record(data, DESIRED_LRP));
            case ActualLrpCreated.NAME -> new ActualLrpCreated(id, record(data, ACTUAL_LRP));
            case ActualLrpChanged.NAME -> new ActualLrpChanged(id, before(data, ACTUAL_LRP), after(data, ACTUAL_LRP));
            case ActualLrpRemoved.NAME -> new ActualLrpRemoved(id, record(data, ACTUAL_LRP));
            case TaskCreated.NAME -> new TaskCreated(id, record(data, TASK));
            case TaskChanged.NAME -> new TaskChanged(id, before(data, TASK), after(data, TASK));
            case TaskRemoved.NAME -> new TaskRemoved(id, record(data, TASK));
            case EventsLost.NAME ->
                new EventsLost(id, data.path("last_event_id").asLong(), data.path("oldest_event_id").asLong());
            default -> null;
        });
    }

    private static <T> T record(JsonNode data, RecordKind<T> kind) {
        return field(data, kind.key(), kind);
    }

    private static <T> T before(JsonNode data, RecordKind<T> kind) {
        return field(data, kind.beforeKey(), kind);
    }

    private static <T> T after(JsonNode data, RecordKind<T> kind) {
        return field(data, kind.afterKey(), kind);
    }

    private static <T> T field(JsonNode data, String key, RecordKind<T> kind) {
        JsonNode value = data.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(kind + " event without \"" + key + "\"");
        }
        return ReceptorJson.mapper().treeToValue(value, kind.type());
    }

}
