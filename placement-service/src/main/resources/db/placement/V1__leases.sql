-- Leader leases: the one replica holding an unexpired lease runs the auction and the rollouts.
CREATE TABLE leases (
    name       VARCHAR(64) PRIMARY KEY,
    holder     VARCHAR(255) NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL
);
