package io.corral.receptor.client;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.AssignmentBatch;
import io.corral.receptor.api.AssignmentResults;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellEvacuation;
import io.corral.receptor.api.CellWork;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.DesiredLrpUpdate;
import io.corral.receptor.api.Evacuation;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.Taint;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskCompletion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A blocking Java client of the receptor API, for the other services, benchmarks and
 * tests.
 */
public class ReceptorClient {

    private static final TypeReference<List<Cell>> CELLS = new TypeReference<>() {
    };

    private final HttpClient http;

    private final URI baseUri;

    private final Supplier<String> token;

    private final JsonMapper json = ReceptorJson.mapper();

    private final Duration requestTimeout;

    public ReceptorClient(HttpClient http, URI baseUri, Supplier<String> token) {
        this(http, baseUri, token, Duration.ofSeconds(30));
    }

    /**
     * A client whose calls give up after {@code requestTimeout} (the event stream aside).
     */
    public ReceptorClient(HttpClient http, URI baseUri, Supplier<String> token, Duration requestTimeout) {
        this.http = http;
        this.baseUri = baseUri;
        this.token = token;
        this.requestTimeout = requestTimeout;
    }

    public ReceptorClient(URI baseUri, Supplier<String> token) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), baseUri, token);
    }

    HttpClient http() {
        return http;
    }

    URI baseUri() {
        return baseUri;
    }

    Supplier<String> token() {
        return token;
    }

    // Desired LRPs

    public void desireLrp(DesiredLrp lrp) {
        send("POST", "/v1/desired_lrps", lrp, null);
    }

    public DesiredLrp desiredLrp(String processGuid) {
        return send("GET", "/v1/desired_lrps/" + encode(processGuid), null, new TypeReference<>() {
        });
    }

    public List<DesiredLrp> desiredLrps() {
        return send("GET", "/v1/desired_lrps", null, new TypeReference<>() {
        });
    }

    public List<DesiredLrp> desiredLrps(String domain) {
        return send("GET", "/v1/domains/" + encode(domain) + "/desired_lrps", null, new TypeReference<>() {
        });
    }

    /** The app's desired LRPs (its versions), newest first. */
    public List<DesiredLrp> desiredLrpsOfApp(String appGuid) {
        return send("GET", "/v1/desired_lrps?app_guid=" + encode(appGuid), null, new TypeReference<>() {
        });
    }

    public void updateDesiredLrp(String processGuid, DesiredLrpUpdate update) {
        send("PUT", "/v1/desired_lrps/" + encode(processGuid), update, null);
    }

    public void removeDesiredLrp(String processGuid) {
        send("DELETE", "/v1/desired_lrps/" + encode(processGuid), null, null);
    }

    // Actual LRPs

    public List<ActualLrp> actualLrps() {
        return send("GET", "/v1/actual_lrps", null, new TypeReference<>() {
        });
    }

    public List<ActualLrp> actualLrps(String processGuid) {
        return send("GET", "/v1/actual_lrps/" + encode(processGuid), null, new TypeReference<>() {
        });
    }

    public ActualLrp actualLrp(String processGuid, int index) {
        return send("GET", indexPath(processGuid, index), null, new TypeReference<>() {
        });
    }

    /** Marks the instance tainted (an SSH session changed it). */
    public ActualLrp taintInstance(String processGuid, int index, String instanceGuid) {
        return send("PUT", indexPath(processGuid, index) + "/tainted", new Taint(instanceGuid), new TypeReference<>() {
        });
    }

    public void stopInstance(String processGuid, int index) {
        send("DELETE", indexPath(processGuid, index), null, null);
    }

    public ActualLrp assign(String processGuid, int index, Assignment assignment) {
        return send("POST", indexPath(processGuid, index) + "/assignment", assignment, new TypeReference<>() {
        });
    }

    /**
     * Moves the RUNNING instance {@code instanceGuid} of an index away: it keeps running,
     * evacuating, until the new instance this answers (UNCLAIMED, to be assigned) runs.
     */
    public ActualLrp evacuate(String processGuid, int index, String instanceGuid) {
        return send("POST", indexPath(processGuid, index) + "/evacuate", new Evacuation(instanceGuid),
                new TypeReference<>() {
                });
    }

    /**
     * Many placement decisions for instances and tasks in one request; one refused
     * decision does not stop the others, each result says how its decision went.
     */
    public AssignmentResults assign(AssignmentBatch batch) {
        return send("POST", "/v1/assignments", batch, new TypeReference<>() {
        });
    }

    /**
     * {@link #assign(AssignmentBatch)} that the receptor applies at most once per
     * {@code idempotencyKey}: a retry with the same key (after a timeout, say) answers
     * the first outcome without deciding again.
     */
    public AssignmentResults assign(AssignmentBatch batch, String idempotencyKey) {
        return send("POST", "/v1/assignments", batch, new TypeReference<>() {
        }, "Idempotency-Key", idempotencyKey);
    }

    // Cells

    public void heartbeat(String cellId, Cell cell) {
        send("PUT", "/v1/cells/" + encode(cellId), cell, null);
    }

    public List<Cell> cells() {
        return cells(null).cells();
    }

    /**
     * The present cells, or {@code known} itself while they are as it lists them (their
     * expiries aside): the receptor answers its entity tag with 304, listing nothing.
     */
    public CellList cells(CellList known) {
        String[] condition = known == null || known.entityTag() == null ? new String[0]
                : new String[] { "If-None-Match", known.entityTag() };
        HttpResponse<byte[]> response = exchange("GET", "/v1/cells", null, condition);
        if (response.statusCode() == 304 && known != null) {
            return known;
        }
        return new CellList(json.readValue(response.body(), CELLS), response.headers().firstValue("ETag").orElse(null));
    }

    /**
     * The cell shuts down: it takes no new work, its RUNNING instances evacuate and what
     * it has not started yet goes back to be placed elsewhere. Asked again, it evacuates
     * what came since.
     */
    public CellEvacuation evacuateCell(String cellId) {
        return send("POST", "/v1/cells/" + encode(cellId) + "/evacuate", null, new TypeReference<>() {
        });
    }

    public CellWork work(String cellId) {
        return send("GET", "/v1/cells/" + encode(cellId) + "/work", null, new TypeReference<>() {
        });
    }

    /**
     * Long poll: answers once something changed after {@code afterEventId}, or after
     * {@code waitSeconds}.
     */
    public CellWork awaitWork(String cellId, long afterEventId, int waitSeconds) {
        return send("GET",
                "/v1/cells/" + encode(cellId) + "/work?after_event_id=" + afterEventId + "&wait_seconds=" + waitSeconds,
                null, new TypeReference<>() {
                });
    }

    /** {@code action} is one of claim, start, crash, fail, remove. */
    public ActualLrp transition(String cellId, String processGuid, int index, String action,
            InstanceTransition transition) {
        String path = "/v1/cells/" + encode(cellId) + "/actual_lrps/" + encode(processGuid) + "/index/" + index + "/"
                + action;
        return send("POST", path, transition, new TypeReference<>() {
        });
    }

    // Tasks

    public void desireTask(Task task) {
        send("POST", "/v1/tasks", task, null);
    }

    public Task task(String taskGuid) {
        return send("GET", "/v1/tasks/" + encode(taskGuid), null, new TypeReference<>() {
        });
    }

    public List<Task> tasks() {
        return send("GET", "/v1/tasks", null, new TypeReference<>() {
        });
    }

    public List<Task> tasks(String domain) {
        return send("GET", "/v1/domains/" + encode(domain) + "/tasks", null, new TypeReference<>() {
        });
    }

    public Task cancelTask(String taskGuid) {
        return send("POST", "/v1/tasks/" + encode(taskGuid) + "/cancel", null, new TypeReference<>() {
        });
    }

    /** Deletes a COMPLETED task. */
    public void deleteTask(String taskGuid) {
        send("DELETE", "/v1/tasks/" + encode(taskGuid), null, null);
    }

    public Task assignTask(String taskGuid, Assignment assignment) {
        return send("POST", "/v1/tasks/" + encode(taskGuid) + "/assignment", assignment, new TypeReference<>() {
        });
    }

    public Task startTask(String cellId, String taskGuid) {
        return send("POST", "/v1/cells/" + encode(cellId) + "/tasks/" + encode(taskGuid) + "/start", null,
                new TypeReference<>() {
                });
    }

    public Task completeTask(String cellId, String taskGuid, TaskCompletion completion) {
        return send("POST", "/v1/cells/" + encode(cellId) + "/tasks/" + encode(taskGuid) + "/complete", completion,
                new TypeReference<>() {
                });
    }

    // Domains

    /** Marks {@code domain} fresh for {@code ttlSeconds} (0 means forever). */
    public void upsertDomain(String domain, int ttlSeconds) {
        send("PUT", "/v1/domains/" + encode(domain), null, null, "Cache-Control", "max-age=" + ttlSeconds);
    }

    public List<String> domains() {
        return send("GET", "/v1/domains", null, new TypeReference<>() {
        });
    }

    private static String indexPath(String processGuid, int index) {
        return "/v1/actual_lrps/" + encode(processGuid) + "/index/" + index;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T send(String method, String path, Object body, TypeReference<T> type, String... headers) {
        HttpResponse<byte[]> response = exchange(method, path, body, headers);
        return type == null || response.body().length == 0 ? null : json.readValue(response.body(), type);
    }

    /** The receptor's answer, below 400. */
    private HttpResponse<byte[]> exchange(String method, String path, Object body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path))
            .timeout(requestTimeout)
            .header("Authorization", "Bearer " + token.get())
            .header("Accept", "application/json");
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        }
        else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response = exchange(request.build());
        if (response.statusCode() >= 400) {
            throw error(response);
        }
        return response;
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException e) {
            throw new UncheckedIOException("receptor at " + baseUri + " did not answer", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the receptor", e);
        }
    }

    private ReceptorException error(HttpResponse<byte[]> response) {
        try {
            JsonNode body = json.readTree(response.body());
            return new ReceptorException(response.statusCode(), body.path("name").asString("UnknownError"),
                    body.path("message").asString(""));
        }
        catch (RuntimeException notJson) {
            return new ReceptorException(response.statusCode(), "UnknownError",
                    new String(response.body(), StandardCharsets.UTF_8));
        }
    }

}
