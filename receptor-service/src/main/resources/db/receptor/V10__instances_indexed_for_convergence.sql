-- Convergence finds the cells that hold instances by skipping through this index, a lookup per
-- cell, and walks a gone cell's instances in id order, a batch at a time, from where the last
-- batch ended (LostCellStep): no pass reads every instance to find those on gone cells.
DROP INDEX actual_lrps_cell;
CREATE INDEX actual_lrps_cell ON actual_lrps (cell_id, id) WHERE cell_id IS NOT NULL;

-- Convergence looks for two states only: instances waiting for their cell's claim and crashed
-- ones. An index of every instance's state took an entry at every change of state; these take
-- one only while an instance is in the state they are for.
DROP INDEX actual_lrps_state;
CREATE INDEX actual_lrps_unclaimed_on_cells ON actual_lrps (id) WHERE state = 'UNCLAIMED' AND cell_id IS NOT NULL;
CREATE INDEX actual_lrps_crashed ON actual_lrps (id) WHERE state = 'CRASHED';
