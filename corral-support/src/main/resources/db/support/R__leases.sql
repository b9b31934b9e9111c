-- Leader leases (io.corral.support.lease): the one replica holding an unexpired lease runs that lease's work.
-- Every service's Flyway applies this; databases made before it was shared got the same table from their own V1.
-- There IF NOT EXISTS raises a notice, which Flyway would log as a warning on a first start: this migration's
-- transaction keeps notices to itself.
SET LOCAL client_min_messages = warning;

CREATE TABLE IF NOT EXISTS leases (
    name       VARCHAR(64) PRIMARY KEY,
    holder     VARCHAR(255) NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL
);
