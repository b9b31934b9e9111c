-- Which change to the cells a row last took: a cell appearing (first heartbeat, or one after its
-- heartbeat had expired) or any of its fields but its expiry changing. The present cells' count
-- and highest change number together say whether the list of present cells is as a reader last
-- saw it, so GET /v1/cells can answer 304 to a reader that has it already. A sequence, not a
-- time: the receptor's replicas' clocks need not agree.
CREATE SEQUENCE cell_changes;
ALTER TABLE cells ADD COLUMN change_number BIGINT NOT NULL DEFAULT nextval('cell_changes');
