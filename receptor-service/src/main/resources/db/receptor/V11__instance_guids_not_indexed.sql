-- Nothing finds an instance by its guid alone: a cell's report, a placement decision and a
-- taint name the process and index, and the guid is compared among that index's one or two
-- rows. The guid is a random UUID, new at each incarnation. Its unique index only took an
-- entry at a random place at every insert and every change of an instance (no change of
-- state is a HOT update).
ALTER TABLE actual_lrps DROP CONSTRAINT actual_lrps_instance_guid_key;
