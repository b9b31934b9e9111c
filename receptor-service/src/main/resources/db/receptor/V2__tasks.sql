-- Tasks: the whole definition as JSON (like desired_lrps), the lifecycle as columns.
CREATE TABLE tasks (
    task_guid          VARCHAR(255) PRIMARY KEY,
    domain             VARCHAR(255) NOT NULL,
    state              VARCHAR(16)  NOT NULL,
    cell_id            VARCHAR(255),
    definition         TEXT         NOT NULL,
    placement_error    VARCHAR(1024),
    failed             BOOLEAN      NOT NULL DEFAULT FALSE,
    failure_reason     VARCHAR(4096),
    result             TEXT,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- When the task first became COMPLETED: retention of completed tasks counts from here.
    completed_at       TIMESTAMPTZ,
    modification_epoch VARCHAR(36)  NOT NULL,
    modification_index BIGINT       NOT NULL
);
CREATE INDEX tasks_domain ON tasks (domain);
CREATE INDEX tasks_state ON tasks (state);
CREATE INDEX tasks_cell ON tasks (cell_id) WHERE cell_id IS NOT NULL;
