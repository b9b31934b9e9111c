-- Idempotency keys of POST /v1/assignments: a batch sent again with the same key answers the
-- first outcome instead of deciding again. outcome is the answer's JSON, NULL while the first
-- attempt is being applied. Rows older than corral.assignments.idempotency-retention are deleted.
CREATE TABLE assignment_batch_keys (
    idempotency_key TEXT PRIMARY KEY,
    request_digest TEXT NOT NULL,
    outcome TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX assignment_batch_keys_created_at ON assignment_batch_keys (created_at);
