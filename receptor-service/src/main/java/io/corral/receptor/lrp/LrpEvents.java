package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.events.EventPublisher;
import org.springframework.stereotype.Component;

/** The LRP event names and payload keys of the event stream. */
@Component
public class LrpEvents {

    private final EventPublisher publisher;

    public LrpEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void desiredCreated(DesiredLrp lrp) {
        publisher.publish("desired_lrp_created", "desired_lrp", lrp);
    }

    public void desiredChanged(DesiredLrp before, DesiredLrp after) {
        publisher.changed("desired_lrp_changed", "desired_lrp", before, after);
    }

    public void desiredRemoved(DesiredLrp lrp) {
        publisher.publish("desired_lrp_removed", "desired_lrp", lrp);
    }

    public void actualCreated(ActualLrp lrp) {
        publisher.publish("actual_lrp_created", "actual_lrp", lrp);
    }

    public void actualChanged(ActualLrp before, ActualLrp after) {
        publisher.changed("actual_lrp_changed", "actual_lrp", before, after);
    }

    public void actualRemoved(ActualLrp lrp) {
        publisher.publish("actual_lrp_removed", "actual_lrp", lrp);
    }
}
