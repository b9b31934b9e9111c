-- Leader leases (io.corral.support.lease): the one replica holding an unexpired lease runs that lease's work.
-- Every service's Flyway applies this; databases made before it was shared got the same table from their own V1.
CREATE TABLE IF NOT EXISTS leases (
    name       VARCHAR(64) PRIMARY KEY,
    holder     VARCHAR(255) NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL
);
