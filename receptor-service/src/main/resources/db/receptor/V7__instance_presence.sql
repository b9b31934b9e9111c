-- An instance's presence at its index, in Diego's names: ORDINARY, the index's current instance;
-- EVACUATING, moved away by the placement service; SUSPECT, RUNNING on a cell that stopped
-- heartbeating. The last two run on beside their index's replacement until it runs. presence
-- takes the place of evacuating, also in the key that allows one instance of each per index.
ALTER TABLE actual_lrps ADD COLUMN presence VARCHAR(16) NOT NULL DEFAULT 'ORDINARY'
    CONSTRAINT actual_lrps_presence CHECK (presence IN ('ORDINARY', 'EVACUATING', 'SUSPECT'));
UPDATE actual_lrps SET presence = 'EVACUATING' WHERE evacuating;
ALTER TABLE actual_lrps DROP CONSTRAINT actual_lrps_one_per_index;
ALTER TABLE actual_lrps DROP COLUMN evacuating;
ALTER TABLE actual_lrps ADD CONSTRAINT actual_lrps_one_per_index UNIQUE (process_guid, instance_index, presence);

-- Every heartbeat looks for the cell's suspect instances: almost always none.
CREATE INDEX actual_lrps_suspects ON actual_lrps (cell_id) WHERE presence = 'SUSPECT';
