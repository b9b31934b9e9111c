-- Delegation mode: the user's token, kept with a one-time code of ours until it is used or
-- expires, encrypted with a key derived from the code (which is stored only as its hash).
ALTER TABLE ssh_codes ADD COLUMN sealed_token BYTEA;
