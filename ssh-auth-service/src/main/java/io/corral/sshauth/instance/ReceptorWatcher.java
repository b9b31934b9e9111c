package io.corral.sshauth.instance;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.event.ReceptorEvent;
import io.corral.receptor.client.ReceptorClient;
import io.corral.support.receptor.ReceptorEventSubscription;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Follows the receptor's events: drops what {@link InstanceDirectory} cached of what
 * changed, and tells live grants when their instance stops ({@link InstanceChanged}) or
 * events were missed ({@link ReceptorResynced}).
 */
@Component
public class ReceptorWatcher extends ReceptorEventSubscription {

    private final InstanceDirectory directory;

    private final ApplicationEventPublisher events;

    public ReceptorWatcher(ReceptorClient receptor, InstanceDirectory directory, ApplicationEventPublisher events) {
        super(receptor);
        this.directory = directory;
        this.events = events;
    }

    @Override
    public void onResync() {
        directory.forgetAll();
        events.publishEvent(new ReceptorResynced());
    }

    @Override
    public void onEvent(ReceptorEvent event) {
        if (event instanceof ReceptorEvent.DesiredLrpCreated created) {
            directory.desiredChanged(created.desiredLrp());
        }
        else if (event instanceof ReceptorEvent.DesiredLrpChanged changed) {
            directory.desiredChanged(changed.before());
            directory.desiredChanged(changed.after());
        }
        else if (event instanceof ReceptorEvent.DesiredLrpRemoved removed) {
            directory.desiredChanged(removed.desiredLrp());
        }
        else if (event instanceof ReceptorEvent.ActualLrpCreated created) {
            directory.instancesChanged(created.actualLrp().processGuid());
        }
        else if (event instanceof ReceptorEvent.ActualLrpChanged changed) {
            directory.instancesChanged(changed.after().processGuid());
            if (stoppedRunning(changed.before(), changed.after())) {
                instanceGone(changed.before());
            }
        }
        else if (event instanceof ReceptorEvent.ActualLrpRemoved removed) {
            directory.instancesChanged(removed.actualLrp().processGuid());
            instanceGone(removed.actualLrp());
        }
    }

    private void instanceGone(ActualLrp instance) {
        events.publishEvent(new InstanceChanged(instance.processGuid(), instance.instanceGuid(), false));
    }

    private static boolean stoppedRunning(ActualLrp before, ActualLrp after) {
        return before.state() == ActualLrpState.RUNNING && (after.state() != ActualLrpState.RUNNING
                || !Objects.equals(before.instanceGuid(), after.instanceGuid())
                || !Objects.equals(before.address(), after.address()));
    }

}
