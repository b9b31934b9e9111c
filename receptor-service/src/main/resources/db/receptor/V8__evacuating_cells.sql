-- A cell that is shutting down (POST /v1/cells/{cell_id}/evacuate, or its heartbeat saying
-- evacuating): placement puts no new work on it while its instances move elsewhere. Every
-- heartbeat sets it, so an agent started anew on the cell takes work again.
ALTER TABLE cells ADD COLUMN evacuating BOOLEAN NOT NULL DEFAULT FALSE;
