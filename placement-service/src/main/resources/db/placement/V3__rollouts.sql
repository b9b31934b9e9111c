-- Rolling rebalances: replacing, one per process at a time, the instances a constraint change left
-- on cells that break their rules. Kept here so a rollout resumes on whichever replica leads next.
CREATE TABLE rollouts (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    space_guid   VARCHAR(255),
    lifecycle    VARCHAR(16)  NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    created_by   VARCHAR(255) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    completed_at TIMESTAMPTZ,
    version      BIGINT       NOT NULL
);
CREATE INDEX rollouts_running ON rollouts (id) WHERE state = 'RUNNING';

CREATE TABLE rollout_instances (
    id                        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rollout_id                BIGINT       NOT NULL REFERENCES rollouts (id) ON DELETE CASCADE,
    process_guid              VARCHAR(255) NOT NULL,
    instance_index            INTEGER      NOT NULL,
    old_instance_guid         VARCHAR(255) NOT NULL,
    old_cell_id               VARCHAR(255),
    reasons                   TEXT         NOT NULL,
    state                     VARCHAR(16)  NOT NULL,
    replacement_instance_guid VARCHAR(255),
    new_cell_id               VARCHAR(255),
    detail                    TEXT,
    updated_at                TIMESTAMPTZ  NOT NULL,
    version                   BIGINT       NOT NULL,
    UNIQUE (rollout_id, process_guid, instance_index)
);
