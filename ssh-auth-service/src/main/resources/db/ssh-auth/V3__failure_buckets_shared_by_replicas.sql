-- Failed SSH logins per client address ('address:HOST') and per user ('user:USER_ID'), in
-- Bucket4j's token buckets: every replica takes its failures' tokens here. A bucket is kept
-- until it has refilled (expires_at, milliseconds since the epoch).
CREATE TABLE ssh_failure_buckets (
    id         VARCHAR(512) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX ssh_failure_buckets_expires_at ON ssh_failure_buckets (expires_at);
