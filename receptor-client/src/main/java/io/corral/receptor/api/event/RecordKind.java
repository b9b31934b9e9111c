package io.corral.receptor.api.event;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.Task;

/**
 * A kind of record the receptor reports changes of, with its event names and the keys of
 * its events' data: {@code <key>_created} and {@code <key>_removed} carry
 * {@code {"<key>": ...}}, {@code <key>_changed} carries {@code {"<key>_before": ...,
 * "<key>_after": ...}}.
 *
 * @param <T> the record's API type
 */
public final class RecordKind<T> {

    public static final RecordKind<DesiredLrp> DESIRED_LRP = new RecordKind<>("desired_lrp", DesiredLrp.class,
            ReceptorEvent.DesiredLrpCreated.NAME, ReceptorEvent.DesiredLrpChanged.NAME,
            ReceptorEvent.DesiredLrpRemoved.NAME);

    public static final RecordKind<ActualLrp> ACTUAL_LRP = new RecordKind<>("actual_lrp", ActualLrp.class,
            ReceptorEvent.ActualLrpCreated.NAME, ReceptorEvent.ActualLrpChanged.NAME,
            ReceptorEvent.ActualLrpRemoved.NAME);

    public static final RecordKind<Task> TASK = new RecordKind<>("task", Task.class, ReceptorEvent.TaskCreated.NAME,
            ReceptorEvent.TaskChanged.NAME, ReceptorEvent.TaskRemoved.NAME);

    private final String key;

    private final Class<T> type;

    private final String created;

    private final String changed;

    private final String removed;

    private RecordKind(String key, Class<T> type, String created, String changed, String removed) {
        this.key = key;
        this.type = type;
        this.created = created;
        this.changed = changed;
        this.removed = removed;
    }

    /** The data key of a created or removed record, e.g. {@code task}. */
    public String key() {
        return key;
    }

    public String beforeKey() {
        return key + "_before";
    }

    public String afterKey() {
        return key + "_after";
    }

    public Class<T> type() {
        return type;
    }

    public String created() {
        return created;
    }

    public String changed() {
        return changed;
    }

    public String removed() {
        return removed;
    }

    @Override
    public String toString() {
        return key;
    }

}
