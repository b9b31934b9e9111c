-- Event ids are no longer drawn from a sequence under a lock held across commit (which made every
-- writer commit one at a time). EventPublisher now writes id = (transaction id << 24) + the
-- event's place in its transaction, and readers read only events of transactions older than
-- every transaction still running (pg_snapshot_xmin). Those are final, and any transaction that
-- commits later has a larger transaction id, so ids are read in increasing order with no gap.
ALTER TABLE events ALTER COLUMN id DROP DEFAULT;
DROP SEQUENCE IF EXISTS events_id_seq;
