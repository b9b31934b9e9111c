package io.corral.receptor.task;

import io.corral.receptor.api.Task;
import io.corral.receptor.client.ReceptorJson;
import io.corral.support.Threads;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Delivers completion callbacks once the completing transaction has committed, as Diego
 * does: the task is RESOLVING while its JSON is POSTed; a 2xx deletes it; when every
 * attempt fails it returns to COMPLETED for the Cloud Controller to fetch and delete (see
 * docs/decisions/tasks.md).
 */
@Component
public class TaskCallbacks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TaskCallbacks.class);

    private final TaskService tasks;

    private final TaskProperties properties;

    private final HttpClient http;

    private final ScheduledExecutorService scheduler;

    public TaskCallbacks(TaskService tasks, TaskProperties properties) {
        this.tasks = tasks;
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.callbackTimeout()).build();
        this.scheduler = Executors.newScheduledThreadPool(properties.callbackThreads(),
                Threads.daemon("task-callback"));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void completed(TaskCompleted event) {
        scheduler.execute(() -> guarded(event.taskGuid(),
                () -> tasks.beginResolving(event.taskGuid()).ifPresent(task -> attempt(task, 1))));
    }

    private void attempt(Task task, int attempt) {
        String outcome = post(task);
        if (outcome == null) {
            tasks.resolved(task.taskGuid());
        }
        else if (attempt < properties.callbackAttempts()) {
            log.debug("completion callback of task {} attempt {} failed: {}", task.taskGuid(), attempt, outcome);
            scheduler.schedule(() -> guarded(task.taskGuid(), () -> attempt(task, attempt + 1)),
                    properties.backoffAfter(attempt).toMillis(), TimeUnit.MILLISECONDS);
        }
        else {
            log.warn("completion callback of task {} to {} failed {} times, last: {}; the task stays COMPLETED "
                    + "until it is deleted", task.taskGuid(), task.completionCallbackUrl(), attempt, outcome);
            tasks.resolutionFailed(task.taskGuid());
        }
    }

    /** POSTs the task; null when the receiver acknowledged it, else what went wrong. */
    private String post(Task task) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(task.completionCallbackUrl()))
            .timeout(properties.callbackTimeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(ReceptorJson.mapper().writeValueAsBytes(task)))
            .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        }
        catch (IOException e) {
            return e.toString();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * A failure here must not vanish inside the executor; convergence recovers the task
     * later.
     */
    private static void guarded(String taskGuid, Runnable work) {
        try {
            work.run();
        }
        catch (RuntimeException e) {
            log.warn("completion callback of task {} stopped: {}", taskGuid, e.toString());
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }

}
