package io.corral.receptor.task;

import io.corral.receptor.api.Task;
import io.corral.receptor.events.EventPublisher;
import org.springframework.stereotype.Component;

/** The task event names and payload keys of the event stream. */
@Component
public class TaskEvents {

    private final EventPublisher publisher;

    public TaskEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void created(Task task) {
        publisher.publish("task_created", "task", task);
    }

    public void changed(Task before, Task after) {
        publisher.changed("task_changed", "task", before, after);
    }

    public void removed(Task task) {
        publisher.publish("task_removed", "task", task);
    }
}
