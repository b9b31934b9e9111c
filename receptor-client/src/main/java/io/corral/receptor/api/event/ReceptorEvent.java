package io.corral.receptor.api.event;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.Task;

/**
 * One event of the receptor's stream {@code GET /v1/events}, typed. Each variant's
 * {@code NAME} is the stream's {@code event:} name; the receptor writes its events with
 * these names, so the two sides share one list.
 */
public sealed interface ReceptorEvent {

    /** The event's id: a consumer resumes after it with {@code Last-Event-ID}. */
    long id();

    record DesiredLrpCreated(long id, DesiredLrp desiredLrp) implements ReceptorEvent {
        public static final String NAME = "desired_lrp_created";

    }

    record DesiredLrpChanged(long id, DesiredLrp before, DesiredLrp after) implements ReceptorEvent {
        public static final String NAME = "desired_lrp_changed";

    }

    record DesiredLrpRemoved(long id, DesiredLrp desiredLrp) implements ReceptorEvent {
        public static final String NAME = "desired_lrp_removed";

    }

    record ActualLrpCreated(long id, ActualLrp actualLrp) implements ReceptorEvent {
        public static final String NAME = "actual_lrp_created";

    }

    record ActualLrpChanged(long id, ActualLrp before, ActualLrp after) implements ReceptorEvent {

        public static final String NAME = "actual_lrp_changed";

    }

    record ActualLrpRemoved(long id, ActualLrp actualLrp) implements ReceptorEvent {
        public static final String NAME = "actual_lrp_removed";

    }

    record TaskCreated(long id, Task task) implements ReceptorEvent {
        public static final String NAME = "task_created";

    }

    record TaskChanged(long id, Task before, Task after) implements ReceptorEvent {

        public static final String NAME = "task_changed";

    }

    record TaskRemoved(long id, Task task) implements ReceptorEvent {
        public static final String NAME = "task_removed";

    }

    /**
     * The receptor no longer holds the events after {@code lastEventId} that a resuming
     * consumer asked for; the stream continues from {@code oldestEventId}. The consumer
     * should read the current state again.
     */
    record EventsLost(long id, long lastEventId, long oldestEventId) implements ReceptorEvent {
        public static final String NAME = "events_lost";

    }

}
