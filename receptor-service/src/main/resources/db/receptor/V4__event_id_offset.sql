-- Event ids must keep increasing when the database moves to another cluster (a logical dump and
-- restore, a migration): its transaction ids then start again below those in the stored event ids.
-- An event's id is (transaction id + xid_offset) << 24 + its place in the transaction, and the
-- readers' horizon adds the same offset. EventIdOffset raises it at start-up when the stored ids
-- are not below what the next transaction would write (see docs/events.md).
CREATE TABLE event_id_offset (
    single     BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (single),
    xid_offset BIGINT  NOT NULL CHECK (xid_offset >= 0)
);
INSERT INTO event_id_offset (xid_offset) VALUES (0);
