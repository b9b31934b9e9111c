package io.corral.receptor.events;

/**
 * The events of one kind of record ({@code desired_lrp}, {@code actual_lrp}, {@code task}):
 * {@code <kind>_created} and {@code <kind>_removed} carry {@code {"<kind>": ...}},
 * {@code <kind>_changed} carries {@code {"<kind>_before": ..., "<kind>_after": ...}}.
 */
public final class RecordEvents<T> {

    private final EventPublisher publisher;
    private final String kind;

    RecordEvents(EventPublisher publisher, String kind) {
        this.publisher = publisher;
        this.kind = kind;
    }

    public void created(T record) {
        publisher.publish(kind + "_created", kind, record);
    }

    public void changed(T before, T after) {
        publisher.changed(kind + "_changed", kind, before, after);
    }

    public void removed(T record) {
        publisher.publish(kind + "_removed", kind, record);
    }
}
