package io.corral.receptor.cellwork;

import io.corral.receptor.api.CellWork;
import io.corral.receptor.client.ReceptorEvents;
import io.corral.receptor.events.EventFanout;
import io.corral.receptor.events.StoredEvent;
import io.corral.receptor.lrp.ActualLrpService;
import io.corral.receptor.task.TaskService;
import io.corral.support.Threads;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * A cell's work, now or as a long poll. A waiting cell holds no thread: this poller
 * follows the replica's event fan-out, notes the last event that named each cell (an
 * instance or task on it before or after the change), and answers a cell's poll on the
 * first event about that cell after the one the cell last saw. Changes elsewhere do not
 * wake it. When the replica shuts down, every waiting poll is answered at once (before
 * the web server's graceful shutdown, which a held poll would hold up for its whole
 * wait), and so is every poll that arrives after.
 */
@Component
public class CellWorkPoller implements EventFanout.Subscriber, SmartLifecycle {

    private final ActualLrpService instances;

    private final TaskService tasks;

    private final EventFanout fanout;

    private final Map<String, Long> lastEventOfCell = new ConcurrentHashMap<>();

    private final Map<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();

    private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(2,
            Threads.daemon("cell-work-poll"));

    private volatile boolean running;

    public CellWorkPoller(ActualLrpService instances, TaskService tasks, EventFanout fanout) {
        this.instances = instances;
        this.tasks = tasks;
        this.fanout = fanout;
        fanout.subscribe(this);
    }

    /**
     * Read the event id first: a change committed after it has a larger id and wakes the
     * next poll.
     */
    public CellWork now(String cellId) {
        long eventId = fanout.latestEventId();
        return new CellWork(eventId, instances.onCell(cellId), tasks.onCell(cellId));
    }

    public DeferredResult<CellWork> after(String cellId, long afterEventId, Duration wait) {
        DeferredResult<CellWork> result = new DeferredResult<>();
        Waiter waiter = new Waiter(cellId, result);
        waiting.compute(cellId, (cell, waiters) -> {
            Set<Waiter> all = waiters == null ? ConcurrentHashMap.newKeySet() : waiters;
            all.add(waiter);
            return all;
        });
        waiter.timeout = answers.schedule(waiter::answer, wait.toMillis(), TimeUnit.MILLISECONDS);
        result.onCompletion(waiter::cancel);
        if (!running || changedSince(cellId, afterEventId)) {
            answers.execute(waiter::answer);
        }
        return result;
    }

    /**
     * On the fan-out's reader thread: note which cells the events name and wake their
     * polls.
     */
    @Override
    public void deliver(List<StoredEvent> events) {
        for (StoredEvent event : events) {
            for (String cellId : ReceptorEvents.cellIds(event.type(), event.data())) {
                lastEventOfCell.merge(cellId, event.id(), Math::max);
                waiting.getOrDefault(cellId, Set.of()).forEach(waiter -> answers.execute(waiter::answer));
            }
        }
    }

    /**
     * Whether an event about the cell came after {@code eventId}; true when this replica
     * cannot know.
     */
    private boolean changedSince(String cellId, long eventId) {
        return eventId < fanout.startedAfter() || lastEventOfCell.getOrDefault(cellId, 0L) > eventId;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        waiting.values().forEach(waiters -> waiters.forEach(waiter -> answers.execute(waiter::answer)));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @PreDestroy
    void close() {
        fanout.unsubscribe(this);
        answers.shutdownNow();
    }

    private final class Waiter {

        private final String cellId;

        private final DeferredResult<CellWork> result;

        private final AtomicBoolean answered = new AtomicBoolean();

        private volatile ScheduledFuture<?> timeout;

        Waiter(String cellId, DeferredResult<CellWork> result) {
            this.cellId = cellId;
            this.result = result;
        }

        void answer() {
            if (answered.compareAndSet(false, true)) {
                cancel();
                try {
                    result.setResult(now(cellId));
                }
                catch (RuntimeException e) {
                    result.setErrorResult(e);
                }
            }
        }

        void cancel() {
            waiting.computeIfPresent(cellId, (cell, waiters) -> {
                waiters.remove(this);
                return waiters.isEmpty() ? null : waiters;
            });
            ScheduledFuture<?> pending = timeout;
            if (pending != null) {
                pending.cancel(false);
            }
        }

    }

}
