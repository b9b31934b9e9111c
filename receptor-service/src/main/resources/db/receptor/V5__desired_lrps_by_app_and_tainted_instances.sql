-- ssh-auth-service resolves cf:APP_GUID logins through GET /v1/desired_lrps?app_guid=, newest first.
CREATE INDEX desired_lrps_app_guid ON desired_lrps (app_guid, created_at DESC);

-- An instance in which an SSH session opened a shell or wrote a file (PUT .../tainted).
ALTER TABLE actual_lrps ADD COLUMN tainted BOOLEAN NOT NULL DEFAULT FALSE;
