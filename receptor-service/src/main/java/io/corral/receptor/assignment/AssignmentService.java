package io.corral.receptor.assignment;

import io.corral.receptor.api.ApiPatterns;
import io.corral.receptor.api.AssignmentBatch;
import io.corral.receptor.api.AssignmentError;
import io.corral.receptor.api.AssignmentResults;
import io.corral.receptor.api.LrpAssignment;
import io.corral.receptor.api.LrpAssignmentResult;
import io.corral.receptor.api.TaskAssignment;
import io.corral.receptor.api.TaskAssignmentResult;
import io.corral.receptor.common.DecisionSlice;
import io.corral.receptor.common.RequestRules;
import io.corral.receptor.lrp.ActualLrpService;
import io.corral.receptor.common.IllegalTransitionException;
import io.corral.receptor.task.TaskService;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import io.corral.receptor.client.ReceptorJson;
import jakarta.persistence.EntityManager;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes a batch of placement decisions, each as its single assignment endpoint would, in
 * chunks of {@link #CHUNK} per transaction, reading and writing {@link #SLICE} at a time.
 * A refused decision writes nothing, so it does not disturb the others of its chunk. A
 * chunk that loses a race with another writer is rolled back and its decisions are taken
 * again one transaction each, so the race costs only the decision it is about.
 */
@Service
public class AssignmentService {

    /**
     * Decisions per transaction, as many as a convergence batch: such a chunk commits
     * within tens of milliseconds, so it holds neither row locks nor the event stream
     * back for long.
     */
    static final int CHUNK = 500;

    /**
     * Decisions read and written at a time: a slice of instances is one read and one
     * write; a slice of tasks is written task by task through JPA, and the persistence
     * context is cleared after it, as every write flushes and a flush checks every entity
     * the context holds.
     */
    static final int SLICE = 50;

    private static final AssignmentError CONCURRENT_CHANGE = new AssignmentError(ErrorCode.RESOURCE_CONFLICT.wireName(),
            "the resource was changed concurrently; read it again and retry");

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final ActualLrpService instances;

    private final TaskService tasks;

    private final TransactionTemplate transactions;

    private final AssignmentKeys keys;

    private final EntityManager entityManager;

    private final JsonMapper json = ReceptorJson.mapper();

    private final BatchTurns turns;

    public AssignmentService(ActualLrpService instances, TaskService tasks, TransactionTemplate transactions,
            AssignmentKeys keys, EntityManager entityManager, AssignmentProperties properties) {
        this.instances = instances;
        this.tasks = tasks;
        this.transactions = transactions;
        this.keys = keys;
        this.entityManager = entityManager;
        this.turns = new BatchTurns(properties.concurrentBatches(), properties.batchWait());
    }

    /**
     * With an {@code idempotencyKey}, a batch sent again with the key answers the first
     * outcome instead of being decided again (see {@link AssignmentKeys}). Batches are
     * taken a few at a time ({@link BatchTurns}).
     */
    public AssignmentResults assign(AssignmentBatch batch, String idempotencyKey) {
        List<LrpAssignment> lrps = Objects.requireNonNullElse(batch.actualLrps(), List.of());
        List<TaskAssignment> taskList = Objects.requireNonNullElse(batch.tasks(), List.of());
        validate(lrps, taskList);
        if (idempotencyKey != null) {
            requireValidKey(idempotencyKey);
        }
        return turns.take(() -> assign(lrps, taskList, idempotencyKey));
    }

    private AssignmentResults assign(List<LrpAssignment> lrps, List<TaskAssignment> taskList, String idempotencyKey) {
        if (idempotencyKey == null) {
            return decide(lrps, taskList);
        }
        Optional<AssignmentResults> earlier = keys.claim(idempotencyKey, digest(lrps, taskList));
        if (earlier.isPresent()) {
            return earlier.get();
        }
        AssignmentResults results = decide(lrps, taskList);
        keys.remember(idempotencyKey, results);
        return results;
    }

    private static void requireValidKey(String key) {
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ApiException
                .invalidRequest("Idempotency-Key: 1 to 255 visible ASCII characters (no spaces or control characters)");
        }
    }

    private String digest(List<LrpAssignment> lrps, List<TaskAssignment> taskList) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                .digest(json.writeValueAsBytes(new AssignmentBatch(lrps, taskList)));
            return HexFormat.of().formatHex(hash);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private AssignmentResults decide(List<LrpAssignment> lrps, List<TaskAssignment> taskList) {
        return new AssignmentResults(
                decide(lrps, new Decisions<>(instances::assignments,
                        (a, instance) -> new LrpAssignmentResult(a.processGuid(), a.index(), instance.instanceGuid(),
                                null),
                        (a, error) -> new LrpAssignmentResult(a.processGuid(), a.index(), a.instanceGuid(), error))),
                decide(taskList,
                        new Decisions<>(slice -> DecisionSlice.writtenAsTaken(tasks.assigner(slice)),
                                (a, task) -> new TaskAssignmentResult(a.taskGuid(), null),
                                (a, error) -> new TaskAssignmentResult(a.taskGuid(), error))));
    }

    private static void validate(List<LrpAssignment> lrps, List<TaskAssignment> taskList) {
        int total = lrps.size() + taskList.size();
        if (total > ApiPatterns.MAX_ASSIGNMENTS) {
            throw ApiException.invalidRequest("actual_lrps, tasks: at most " + ApiPatterns.MAX_ASSIGNMENTS
                    + " assignments in one request, got " + total);
        }
        for (int i = 0; i < lrps.size(); i++) {
            RequestRules.requireCellOrPlacementError("actual_lrps[" + i + "].", lrps.get(i).cellId(),
                    lrps.get(i).placementError());
        }
        for (int i = 0; i < taskList.size(); i++) {
            RequestRules.requireCellOrPlacementError("tasks[" + i + "].", taskList.get(i).cellId(),
                    taskList.get(i).placementError());
        }
    }

    private <T, V, R> List<R> decide(List<T> items, Decisions<T, V, R> decisions) {
        List<R> results = new ArrayList<>(items.size());
        for (int from = 0; from < items.size(); from += CHUNK) {
            List<T> chunk = items.subList(from, Math.min(from + CHUNK, items.size()));
            try {
                results.addAll(inTransaction(chunk, decisions));
            }
            catch (ConcurrencyFailureException raced) {
                for (T item : chunk) {
                    try {
                        results.addAll(inTransaction(List.of(item), decisions));
                    }
                    catch (ConcurrencyFailureException racedAgain) {
                        results.add(decisions.refused().apply(item, CONCURRENT_CHANGE));
                    }
                }
            }
        }
        return results;
    }

    private <T, V, R> List<R> inTransaction(List<T> chunk, Decisions<T, V, R> decisions) {
        return transactions.execute(status -> {
            List<R> results = new ArrayList<>(chunk.size());
            for (int from = 0; from < chunk.size(); from += SLICE) {
                List<T> slice = chunk.subList(from, Math.min(from + SLICE, chunk.size()));
                DecisionSlice<T, V> taken = decisions.assigner().apply(slice);
                for (T item : slice) {
                    results.add(decideOne(item, taken, decisions));
                }
                taken.write();
                entityManager.flush();
                entityManager.clear();
            }
            return results;
        });
    }

    private static <T, V, R> R decideOne(T item, DecisionSlice<T, V> slice, Decisions<T, V, R> decisions) {
        try {
            return decisions.taken().apply(item, slice.take(item));
        }
        catch (ApiException e) {
            return decisions.refused().apply(item, new AssignmentError(e.code().wireName(), e.getMessage()));
        }
        catch (IllegalTransitionException e) {
            return decisions.refused()
                .apply(item, new AssignmentError(ErrorCode.RESOURCE_CONFLICT.wireName(), e.getMessage()));
        }
    }

    /**
     * Decisions of one kind, items {@code T}: {@code assigner} reads what a slice names
     * and returns what takes its decisions (answering {@code V}) and writes them;
     * {@code taken} and {@code refused} make an item's result.
     */
    private record Decisions<T, V, R>(Function<List<T>, DecisionSlice<T, V>> assigner, BiFunction<T, V, R> taken,
            BiFunction<T, AssignmentError, R> refused) {
    }

}
