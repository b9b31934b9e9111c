package io.corral.cell.process;

import io.corral.cell.container.DiegoSshd;
import io.corral.cell.process.ProcessStarter.StartedProcess;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * Runs Diego's action tree: {@code run}, {@code download}, {@code serial},
 * {@code parallel}, {@code codependent}, {@code try}, {@code timeout} and
 * {@code emit_progress}. Each call blocks until its action ended; branches run on threads
 * of their own. A cancelled scope makes its actions end as failed.
 */
public final class ActionRunner {

    private final ProcessStarter starter;

    private final ArchiveFetcher fetcher;

    private final UserSwitch users;

    public ActionRunner(ProcessStarter starter, ArchiveFetcher fetcher, UserSwitch users) {
        this.starter = starter;
        this.fetcher = fetcher;
        this.users = users;
    }

    Outcome run(JsonNode action, ActionContext context) {
        if (context.scope().cancelled()) {
            return Outcome.failed("cancelled");
        }
        if (action == null || !action.isObject() || action.size() != 1) {
            return Outcome.failed("an action is an object with one field naming its kind");
        }
        String kind = action.propertyNames().iterator().next();
        JsonNode body = action.get(kind);
        try {
            return switch (kind) {
                case "run" -> runProcess(body, context);
                case "download" -> download(body, context);
                case "serial" -> serial(body.path("actions"), context);
                case "parallel" -> parallel(body.path("actions"), context, false);
                case "codependent" -> parallel(body.path("actions"), context, true);
                case "try" -> attempt(body.path("action"), context);
                case "timeout" -> timeout(body, context);
                case "emit_progress" -> emitProgress(body, context);
                default -> Outcome.failed("unsupported action: " + kind);
            };
        }
        catch (IllegalArgumentException e) {
            return Outcome.failed(kind + ": " + e.getMessage());
        }
    }

    private Outcome runProcess(JsonNode run, ActionContext context) {
        String path = run.path("path").asString("");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path is required");
        }
        List<String> args = new ArrayList<>();
        run.path("args").forEach(arg -> args.add(arg.asString("")));
        Map<String, String> environment = new HashMap<>(context.environment());
        for (JsonNode variable : run.path("env")) {
            String name = variable.path("name").asString("");
            if (!name.equals(LeftoverProcesses.MARKER)) {
                environment.put(name, variable.path("value").asString(""));
            }
        }
        String dir = run.path("dir").asString("");
        String user = users.effectiveUser(run.path("user").asString(null));
        ProcessStarter.Command command = new ProcessStarter.Command(path, args, environment,
                dir.isEmpty() ? context.directory() : context.resolve(dir), user, context.logs(), context.cgroup());
        try {
            if (user != null && context.owners().add(user)) {
                users.handOver(context.directory(), user);
            }
            StartedProcess process = DiegoSshd.isDaemon(path) ? new AgentServedSshd() : starter.start(command);
            context.scope().add(process);
            int status = process.waitFor();
            return status == 0 ? Outcome.SUCCESS : Outcome.failed("Exited with status " + status);
        }
        catch (IOException e) {
            return Outcome.failed("cannot start " + path + ": " + e.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted");
        }
    }

    private Outcome download(JsonNode download, ActionContext context) {
        URI from = URI.create(download.path("from").asString(""));
        if (!"http".equals(from.getScheme()) && !"https".equals(from.getScheme())) {
            throw new IllegalArgumentException("from must be an http(s) URL");
        }
        try {
            fetcher.fetch(from, context.resolve(download.path("to").asString("")));
            return Outcome.SUCCESS;
        }
        catch (IOException e) {
            return Outcome.failed("Downloading failed: " + e.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted");
        }
    }

    private Outcome serial(JsonNode actions, ActionContext context) {
        for (JsonNode action : actions) {
            Outcome outcome = run(action, context);
            if (!outcome.succeeded()) {
                return outcome;
            }
        }
        return Outcome.SUCCESS;
    }

    /**
     * Every action at once; codependent ones end together: the first to end, however it
     * ends, cancels the others.
     */
    private Outcome parallel(JsonNode actions, ActionContext context, boolean codependent) {
        Scope branches = context.scope().child();
        List<CompletableFuture<Outcome>> running = new ArrayList<>();
        for (JsonNode action : actions) {
            CompletableFuture<Outcome> branch = onThread(() -> run(action, context.within(branches)));
            if (codependent) {
                branch.thenRun(() -> onThread(() -> {
                    branches.cancel();
                    return Outcome.SUCCESS;
                }));
            }
            running.add(branch);
        }
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<Outcome> branch : running) {
            Outcome outcome = branch.join();
            if (!outcome.succeeded()) {
                failures.add(outcome.failure());
            }
        }
        return failures.isEmpty() ? Outcome.SUCCESS : Outcome.failed(String.join("; ", failures));
    }

    private Outcome attempt(JsonNode action, ActionContext context) {
        Outcome outcome = run(action, context);
        if (!outcome.succeeded()) {
            context.logs().system("try: " + outcome.failure());
        }
        return Outcome.SUCCESS;
    }

    private Outcome timeout(JsonNode timeout, ActionContext context) {
        Duration limit = timeoutOf(timeout);
        Scope inner = context.scope().child();
        CompletableFuture<Outcome> action = onThread(() -> run(timeout.path("action"), context.within(inner)));
        try {
            return action.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            inner.cancel();
            action.join();
            return Outcome.failed("timed out after " + limit);
        }
        catch (ExecutionException e) {
            return Outcome.failed(e.getCause().getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inner.cancel();
            return Outcome.failed("interrupted");
        }
    }

    /** {@code timeout_ms}, or the older {@code timeout} in nanoseconds. */
    private static Duration timeoutOf(JsonNode timeout) {
        if (timeout.has("timeout_ms")) {
            return Duration.ofMillis(positive(timeout.path("timeout_ms").asLong(0)));
        }
        return Duration.ofNanos(positive(timeout.path("timeout").asLong(0)));
    }

    private static long positive(long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("timeout_ms must be positive");
        }
        return value;
    }

    private Outcome emitProgress(JsonNode progress, ActionContext context) {
        say(context, progress.path("start_message").asString(""));
        Outcome outcome = run(progress.path("action"), context);
        if (outcome.succeeded()) {
            say(context, progress.path("success_message").asString(""));
            return outcome;
        }
        String prefix = progress.path("failure_message_prefix").asString("");
        String reason = prefix.isEmpty() ? outcome.failure() : prefix + ": " + outcome.failure();
        say(context, reason);
        return Outcome.failed(reason);
    }

    private static void say(ActionContext context, String message) {
        if (!message.isEmpty()) {
            context.logs().system(message);
        }
    }

    private static CompletableFuture<Outcome> onThread(java.util.function.Supplier<Outcome> work) {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            }
            catch (RuntimeException e) {
                result.complete(Outcome.failed(e.getMessage()));
            }
        }, "cell-action");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

}
