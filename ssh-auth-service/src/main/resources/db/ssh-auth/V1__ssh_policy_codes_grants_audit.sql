-- SSH policy: one row per configured level; a level without a row is open (docs/ssh.md).
-- The platform's row has scope 'platform' and guid ''.
CREATE TABLE ssh_policies (
    scope                  VARCHAR(8)   NOT NULL CHECK (scope IN ('platform', 'space', 'app')),
    guid                   VARCHAR(255) NOT NULL,
    enabled                BOOLEAN      NOT NULL,
    shell                  BOOLEAN      NOT NULL,
    exec                   BOOLEAN      NOT NULL,
    local_port_forwarding  BOOLEAN      NOT NULL,
    remote_port_forwarding BOOLEAN      NOT NULL,
    file_read              BOOLEAN      NOT NULL,
    file_write             BOOLEAN      NOT NULL,
    replace_tainted        BOOLEAN      NOT NULL DEFAULT FALSE,
    updated_by             VARCHAR(255) NOT NULL,
    updated_at             TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (scope, guid)
);

-- Who may log in to a space's apps: its developers.
CREATE TABLE ssh_space_members (
    space_guid VARCHAR(255) NOT NULL,
    user_id    VARCHAR(255) NOT NULL,
    role       VARCHAR(16)  NOT NULL CHECK (role IN ('developer')),
    added_by   VARCHAR(255) NOT NULL,
    added_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (space_guid, user_id)
);
CREATE INDEX ssh_space_members_user ON ssh_space_members (user_id);

-- Every change to the policy or the members, oldest first; its highest id is the policy's version.
CREATE TABLE ssh_policy_audit (
    id         BIGSERIAL    PRIMARY KEY,
    at         TIMESTAMPTZ  NOT NULL,
    actor      VARCHAR(255) NOT NULL,
    action     VARCHAR(16)  NOT NULL,
    scope      VARCHAR(8)   NOT NULL,
    guid       VARCHAR(255) NOT NULL,
    before     TEXT,
    after      TEXT
);

-- One-time codes: only their SHA-256 is kept; a code is used at most once (used_at).
CREATE TABLE ssh_codes (
    code_hash  BYTEA        PRIMARY KEY,
    user_id    VARCHAR(255) NOT NULL,
    user_name  VARCHAR(255),
    admin      BOOLEAN      NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX ssh_codes_expires_at ON ssh_codes (expires_at);

-- A granted login, live until the proxy ends it (ended_at) or a re-decision revokes it.
CREATE TABLE ssh_grants (
    grant_id        UUID         PRIMARY KEY,
    user_id         VARCHAR(255) NOT NULL,
    admin           BOOLEAN      NOT NULL,
    operator        BOOLEAN      NOT NULL,
    delegated       BOOLEAN      NOT NULL,
    process_guid    VARCHAR(255) NOT NULL,
    instance_guid   VARCHAR(255) NOT NULL,
    instance_index  INTEGER      NOT NULL,
    app_guid        VARCHAR(255),
    space_guid      VARCHAR(255),
    client_address  VARCHAR(255) NOT NULL,
    permissions     VARCHAR(128) NOT NULL,
    tainted         BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ  NOT NULL,
    ended_at        TIMESTAMPTZ,
    revoked_reason  VARCHAR(32)
);
CREATE INDEX ssh_grants_live_process ON ssh_grants (process_guid) WHERE ended_at IS NULL;

-- What the proxies are told about live grants (SSE ids are these ids).
CREATE TABLE ssh_grant_events (
    id    BIGSERIAL    PRIMARY KEY,
    at    TIMESTAMPTZ  NOT NULL,
    name  VARCHAR(32)  NOT NULL,
    data  TEXT         NOT NULL
);

-- Every login decision: who, from where, which instance, granted or why not. No credential.
CREATE TABLE ssh_access_audit (
    id             BIGSERIAL    PRIMARY KEY,
    at             TIMESTAMPTZ  NOT NULL,
    username       VARCHAR(600) NOT NULL,
    user_id        VARCHAR(255),
    user_name      VARCHAR(255),
    client_address VARCHAR(255) NOT NULL,
    process_guid   VARCHAR(255),
    instance_guid  VARCHAR(255),
    instance_index INTEGER,
    outcome        VARCHAR(32)  NOT NULL,
    grant_id       UUID
);
CREATE INDEX ssh_access_audit_at ON ssh_access_audit (at);
