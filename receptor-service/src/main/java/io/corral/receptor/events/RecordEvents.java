package io.corral.receptor.events;

import io.corral.receptor.api.event.RecordKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events of one {@link RecordKind kind of record}: created, changed (before and
 * after), removed.
 */
public final class RecordEvents<T> {

    private final EventPublisher publisher;

    private final RecordKind<T> kind;

    RecordEvents(EventPublisher publisher, RecordKind<T> kind) {
        this.publisher = publisher;
        this.kind = kind;
    }

    public void created(T record) {
        publisher.publish(creation(record));
    }

    /**
     * The event of {@code record}'s creation, for a statement that writes it beside the
     * record ({@link EventPublisher#insertWhere}).
     */
    public OutboxEvent creation(T record) {
        return OutboxEvent.of(kind.created(), Map.of(kind.key(), record));
    }

    public void changed(T before, T after) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(kind.beforeKey(), before);
        data.put(kind.afterKey(), after);
        publisher.publish(OutboxEvent.of(kind.changed(), data));
    }

    public void removed(T record) {
        publisher.publish(OutboxEvent.of(kind.removed(), Map.of(kind.key(), record)));
    }

}
