package io.corral.receptor.assignment;

import io.corral.receptor.api.AssignmentResults;
import io.corral.receptor.client.ReceptorJson;
import io.corral.support.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The idempotency keys of assignment batches and their outcomes, in PostgreSQL, so that
 * every replica answers a retry the same. Each statement commits on its own: a key is
 * claimed before its batch is applied and its outcome stored after, so a retry that
 * arrives meanwhile is told to wait ({@code 409}) instead of applying the batch twice. A
 * batch that failed after its key was claimed keeps the key without an outcome until it
 * expires: some of its chunks may have committed, so only the receptor's state tells what
 * was applied.
 */
@Component
class AssignmentKeys {

    private final JdbcTemplate jdbc;

    private final AssignmentProperties properties;

    private final JsonMapper json = ReceptorJson.mapper();

    AssignmentKeys(JdbcTemplate jdbc, AssignmentProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /**
     * Empty when the key is new (and now taken by this batch); the first outcome when the
     * key was used before for the same batch.
     */
    Optional<AssignmentResults> claim(String key, String requestDigest) {
        jdbc.update("DELETE FROM assignment_batch_keys WHERE created_at < now() - ? * interval '1 millisecond'",
                properties.idempotencyRetention().toMillis());
        int claimed = jdbc.update("INSERT INTO assignment_batch_keys (idempotency_key, request_digest) VALUES (?, ?)"
                + " ON CONFLICT (idempotency_key) DO NOTHING", key, requestDigest);
        if (claimed == 1) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = jdbc
            .queryForList("SELECT request_digest, outcome FROM assignment_batch_keys WHERE idempotency_key = ?", key);
        if (rows.isEmpty()) {
            throw ApiException.conflict("Idempotency-Key: the key expired just now; send the batch again");
        }
        if (!Objects.equals(rows.get(0).get("request_digest"), requestDigest)) {
            throw ApiException.invalidRequest("Idempotency-Key: already used for a different batch");
        }
        Object outcome = rows.get(0).get("outcome");
        if (outcome == null) {
            throw ApiException.conflict("Idempotency-Key: a batch with this key is still being applied; send it again"
                    + " shortly for its outcome");
        }
        return Optional.of(json.readValue((String) outcome, AssignmentResults.class));
    }

    void remember(String key, AssignmentResults outcome) {
        jdbc.update("UPDATE assignment_batch_keys SET outcome = ? WHERE idempotency_key = ?",
                json.writeValueAsString(outcome), key);
    }

}
