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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

/**
 * Reads an event of the receptor's stream, as its id, {@code event:} name and JSON data,
 * into its type. The data is read once, each record straight into its type: no tree of it
 * is built first (a follower reads every event the receptor writes).
 */
public final class ReceptorEvents {

    /** The field of an instance or task that names its cell. */
    private static final String CELL_ID = "cell_id";

    private static final List<RecordKind<?>> KINDS = List.of(DESIRED_LRP, ACTUAL_LRP, TASK);

    /** Each kind's reader of one record inside the data: more of the data follows it. */
    private static final Map<RecordKind<?>, ObjectReader> READERS = KINDS.stream()
        .collect(Collectors.toMap(kind -> kind,
                kind -> ReceptorJson.mapper()
                    .readerFor(kind.type())
                    .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)));

    private ReceptorEvents() {
    }

    /**
     * The typed event; empty for a name this client does not know (a newer receptor's,
     * say).
     */
    public static Optional<ReceptorEvent> decode(long id, String name, String data) {
        EventData fields = EventData.read(data, kindOf(name));
        return Optional.ofNullable(switch (name) {
            case DesiredLrpCreated.NAME -> new DesiredLrpCreated(id, fields.record(DESIRED_LRP));
            case DesiredLrpChanged.NAME ->
                new DesiredLrpChanged(id, fields.before(DESIRED_LRP), fields.after(DESIRED_LRP));
            case DesiredLrpRemoved.NAME -> new DesiredLrpRemoved(id, fields.record(DESIRED_LRP));
            case ActualLrpCreated.NAME -> new ActualLrpCreated(id, fields.record(ACTUAL_LRP));
            case ActualLrpChanged.NAME -> new ActualLrpChanged(id, fields.before(ACTUAL_LRP), fields.after(ACTUAL_LRP));
            case ActualLrpRemoved.NAME -> new ActualLrpRemoved(id, fields.record(ACTUAL_LRP));
            case TaskCreated.NAME -> new TaskCreated(id, fields.record(TASK));
            case TaskChanged.NAME -> new TaskChanged(id, fields.before(TASK), fields.after(TASK));
            case TaskRemoved.NAME -> new TaskRemoved(id, fields.record(TASK));
            case EventsLost.NAME ->
                new EventsLost(id, fields.number("last_event_id"), fields.number("oldest_event_id"));
            default -> null;
        });
    }

    /**
     * The cells an event names: where an instance or task was before or is after the
     * change. Read from the data without building its records, as the receptor reads it
     * of every event it writes.
     */
    public static Set<String> cellIds(String name, String data) {
        RecordKind<?> kind = kindOf(name);
        if (kind != ACTUAL_LRP && kind != TASK) {
            return Set.of();
        }
        Set<String> cells = new HashSet<>(2);
        try (JsonParser parser = ReceptorJson.mapper().createParser(data)) {
            for (String field = firstName(parser); field != null; field = parser.nextName()) {
                if (parser.nextToken() == JsonToken.START_OBJECT && EventData.carries(kind, field)) {
                    addCellId(parser, cells);
                }
                else {
                    parser.skipChildren();
                }
            }
        }
        return cells;
    }

    /** Reads one record's fields, keeping its {@code cell_id}. */
    private static void addCellId(JsonParser parser, Set<String> cells) {
        for (String field = parser.nextName(); field != null; field = parser.nextName()) {
            if (parser.nextToken() == JsonToken.VALUE_STRING && field.equals(CELL_ID)) {
                cells.add(parser.getString());
            }
            else {
                parser.skipChildren();
            }
        }
    }

    /** Enters the data's object: the name of its first field, null if it has none. */
    private static String firstName(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("event data is not a JSON object");
        }
        return parser.nextName();
    }

    /** The typed event of one a {@link ReceptorEventStream} gave as it arrived. */
    public static Optional<ReceptorEvent> decode(RawEvent event) {
        return decode(event.id(), event.type(), event.data().toString());
    }

    /** The kind whose records the event carries; null for one that carries none. */
    private static RecordKind<?> kindOf(String name) {
        for (RecordKind<?> kind : KINDS) {
            if (name.equals(kind.created()) || name.equals(kind.changed()) || name.equals(kind.removed())) {
                return kind;
            }
        }
        return null;
    }

    /**
     * An event's top-level fields: its records, each read into the kind's type, and its
     * numbers; anything else is skipped.
     */
    private record EventData(Map<String, Object> values) {

        static EventData read(String data, RecordKind<?> kind) {
            Map<String, Object> values = new HashMap<>(4);
            try (JsonParser parser = ReceptorJson.mapper().createParser(data)) {
                for (String field = firstName(parser); field != null; field = parser.nextName()) {
                    JsonToken value = parser.nextToken();
                    if (kind != null && value == JsonToken.START_OBJECT && carries(kind, field)) {
                        values.put(field, READERS.get(kind).readValue(parser));
                    }
                    else if (value == JsonToken.VALUE_NUMBER_INT) {
                        values.put(field, parser.getLongValue());
                    }
                    else {
                        parser.skipChildren();
                    }
                }
            }
            return new EventData(values);
        }

        private static boolean carries(RecordKind<?> kind, String field) {
            return field.equals(kind.key()) || field.equals(kind.beforeKey()) || field.equals(kind.afterKey());
        }

        <T> T record(RecordKind<T> kind) {
            return value(kind.key(), kind);
        }

        <T> T before(RecordKind<T> kind) {
            return value(kind.beforeKey(), kind);
        }

        <T> T after(RecordKind<T> kind) {
            return value(kind.afterKey(), kind);
        }

        private <T> T value(String key, RecordKind<T> kind) {
            Object value = values.get(key);
            if (value == null) {
                throw new IllegalArgumentException(kind + " event without \"" + key + "\"");
            }
            return kind.type().cast(value);
        }

        long number(String key) {
            return values.get(key) instanceof Long number ? number : 0;
        }

    }

}
