-- Desired LRPs: the whole definition as JSON, with the fields queries filter on as columns.
CREATE TABLE desired_lrps (
    process_guid       VARCHAR(255) PRIMARY KEY,
    domain             VARCHAR(255) NOT NULL,
    instances          INTEGER      NOT NULL CHECK (instances >= 0),
    space_guid         VARCHAR(255),
    app_guid           VARCHAR(255),
    definition         TEXT         NOT NULL,
    modification_epoch VARCHAR(36)  NOT NULL,
    modification_index BIGINT       NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX desired_lrps_domain ON desired_lrps (domain);

-- Actual LRPs: one row per instance index (two while an instance evacuates beside its replacement).
CREATE TABLE actual_lrps (
    id                 UUID         PRIMARY KEY,
    instance_guid      VARCHAR(255) NOT NULL UNIQUE,
    process_guid       VARCHAR(255) NOT NULL,
    instance_index     INTEGER      NOT NULL CHECK (instance_index >= 0),
    evacuating         BOOLEAN      NOT NULL DEFAULT FALSE,
    domain             VARCHAR(255) NOT NULL,
    state              VARCHAR(16)  NOT NULL,
    cell_id            VARCHAR(255),
    address            VARCHAR(255),
    ports              TEXT,
    placement_error    VARCHAR(1024),
    since_ns           BIGINT       NOT NULL,
    crash_count        INTEGER      NOT NULL DEFAULT 0,
    crash_reason       VARCHAR(1024),
    modification_epoch VARCHAR(36)  NOT NULL,
    modification_index BIGINT       NOT NULL,
    CONSTRAINT actual_lrps_one_per_index UNIQUE (process_guid, instance_index, evacuating)
);
CREATE INDEX actual_lrps_domain ON actual_lrps (domain);
CREATE INDEX actual_lrps_cell ON actual_lrps (cell_id) WHERE cell_id IS NOT NULL;
CREATE INDEX actual_lrps_state ON actual_lrps (state);

CREATE TABLE cells (
    cell_id                 VARCHAR(255) PRIMARY KEY,
    zone                    VARCHAR(255) NOT NULL,
    rep_address             VARCHAR(1024) NOT NULL,
    memory_mb               INTEGER      NOT NULL,
    disk_mb                 INTEGER      NOT NULL,
    containers              INTEGER      NOT NULL,
    placement_tags          TEXT         NOT NULL,
    optional_placement_tags TEXT         NOT NULL,
    rootfs_providers        TEXT         NOT NULL,
    ttl_seconds             INTEGER      NOT NULL,
    expires_at              TIMESTAMPTZ  NOT NULL
);
CREATE INDEX cells_expires_at ON cells (expires_at);

-- A domain is fresh while expires_at is in the future, or forever when it is NULL.
CREATE TABLE domains (
    domain     VARCHAR(255) PRIMARY KEY,
    expires_at TIMESTAMPTZ
);

-- The outbox every replica's event stream reads. Rows are written in commit order (see
-- EventPublisher), so a reader that resumes after id N misses nothing.
CREATE TABLE events (
    id         BIGSERIAL PRIMARY KEY,
    type       VARCHAR(64) NOT NULL,
    data       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX events_created_at ON events (created_at);

-- Leader leases: the one replica holding an unexpired lease runs that lease's work.
CREATE TABLE leases (
    name       VARCHAR(64) PRIMARY KEY,
    holder     VARCHAR(255) NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL
);
