package io.corral.cli.receptor;

import io.corral.cli.output.Formats;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.Task;
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
import io.corral.receptor.client.RawEvent;
import io.corral.receptor.client.ReceptorEvents;
import java.util.Locale;
import java.util.Objects;

/** One line per receptor event: its id, its name and what changed. */
final class EventSummaries {

    private EventSummaries() {
    }

    static String line(RawEvent event) {
        return String.format("%-12d %-20s %s", event.id(), event.type(), summary(event));
    }

    private static String summary(RawEvent event) {
        ReceptorEvent typed;
        try {
            typed = ReceptorEvents.decode(event).orElse(null);
        }
        catch (RuntimeException unexpectedShape) {
            typed = null;
        }
        if (typed == null) {
            return Formats.cut(event.data().toString(), 120);
        }
        if (typed instanceof DesiredLrpCreated created) {
            return created.desiredLrp().processGuid() + " instances=" + created.desiredLrp().instances();
        }
        if (typed instanceof DesiredLrpChanged changed) {
            return changed.after().processGuid() + " instances=" + changed.before().instances()
                    + (Objects.equals(changed.before().instances(), changed.after().instances()) ? ""
                            : " -> " + changed.after().instances());
        }
        if (typed instanceof DesiredLrpRemoved removed) {
            return removed.desiredLrp().processGuid();
        }
        if (typed instanceof ActualLrpCreated created) {
            return instance(created.actualLrp());
        }
        if (typed instanceof ActualLrpChanged changed) {
            return instance(changed.before()) + " -> " + changed.after().state() + on(changed.after())
                    + flags(changed.after());
        }
        if (typed instanceof ActualLrpRemoved removed) {
            return instance(removed.actualLrp()) + " removed";
        }
        if (typed instanceof TaskCreated created) {
            return task(created.task());
        }
        if (typed instanceof TaskChanged changed) {
            return task(changed.before()) + " -> " + changed.after().state()
                    + (changed.after().cellId() == null ? "" : " on " + changed.after().cellId());
        }
        if (typed instanceof TaskRemoved removed) {
            return task(removed.task()) + " removed";
        }
        EventsLost lost = (EventsLost) typed;
        return "events after " + lost.lastEventId() + " and before " + lost.oldestEventId()
                + " (the oldest kept) are gone: re-read the state";
    }

    private static String instance(ActualLrp lrp) {
        return lrp.processGuid() + "/" + lrp.index() + " " + lrp.state() + on(lrp);
    }

    private static String on(ActualLrp lrp) {
        return lrp.cellId() == null ? "" : " on " + lrp.cellId();
    }

    private static String flags(ActualLrp lrp) {
        return (lrp.presence() == ActualLrpPresence.ORDINARY ? ""
                : " " + lrp.presence().name().toLowerCase(Locale.ROOT))
                + (Boolean.TRUE.equals(lrp.tainted()) ? " tainted" : "")
                + (lrp.placementError() == null ? "" : " placement_error: " + lrp.placementError());
    }

    private static String task(Task task) {
        return task.taskGuid() + " " + task.state();
    }

}
