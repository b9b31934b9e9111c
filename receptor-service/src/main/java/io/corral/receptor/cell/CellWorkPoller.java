package io.corral.receptor.cell;

import io.corral.receptor.api.CellWork;
import io.corral.receptor.events.EventFanout;
import io.corral.receptor.events.StoredEvent;
import io.corral.receptor.lrp.ActualLrpService;
import io.corral.receptor.task.TaskService;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * A cell's work, now or as a long poll: a waiting cell holds no thread, only a subscription to
 * this replica's event fan-out, answered on the first event after the one it last saw.
 */
@Component
public class CellWorkPoller {

    private final ActualLrpService instances;
    private final TaskService tasks;
    private final EventFanout fanout;
    private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "cell-work-poll");
        thread.setDaemon(true);
        return thread;
    });

    public CellWorkPoller(ActualLrpService instances, TaskService tasks, EventFanout fanout) {
        this.instances = instances;
        this.tasks = tasks;
        this.fanout = fanout;
    }

    /** Read the event id first: a change committed after it has a larger id and wakes the next poll. */
    public CellWork now(String cellId) {
        long eventId = fanout.latestEventId();
        return new CellWork(eventId, instances.onCell(cellId), tasks.onCell(cellId));
    }

    public DeferredResult<CellWork> after(String cellId, long afterEventId, Duration wait) {
        DeferredResult<CellWork> result = new DeferredResult<>();
        Waiter waiter = new Waiter(cellId, afterEventId, result);
        fanout.subscribe(waiter);
        waiter.timeout = answers.schedule(waiter::answer, wait.toMillis(), TimeUnit.MILLISECONDS);
        result.onCompletion(waiter::cancel);
        if (fanout.latestEventId() > afterEventId) {
            answers.execute(waiter::answer);
        }
        return result;
    }

    @PreDestroy
    void stop() {
        answers.shutdownNow();
    }

    private final class Waiter implements EventFanout.Subscriber {

        private final String cellId;
        private final long afterEventId;
        private final DeferredResult<CellWork> result;
        private final AtomicBoolean answered = new AtomicBoolean();
        private volatile ScheduledFuture<?> timeout;

        Waiter(String cellId, long afterEventId, DeferredResult<CellWork> result) {
            this.cellId = cellId;
            this.afterEventId = afterEventId;
            this.result = result;
        }

        /** On the fan-out's reader thread: hand the database read to the answering threads. */
        @Override
        public void deliver(List<StoredEvent> events) {
            if (!events.isEmpty() && events.get(events.size() - 1).id() > afterEventId) {
                answers.execute(this::answer);
            }
        }

        void answer() {
            if (answered.compareAndSet(false, true)) {
                cancel();
                try {
                    result.setResult(now(cellId));
                } catch (RuntimeException e) {
                    result.setErrorResult(e);
                }
            }
        }

        void cancel() {
            fanout.unsubscribe(this);
            ScheduledFuture<?> pending = timeout;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }
}
