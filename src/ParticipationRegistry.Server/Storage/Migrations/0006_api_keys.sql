-- API keys (issue "Access control"): the secret is kept only as its SHA-256 hash.
CREATE TABLE api_keys (
    id            TEXT PRIMARY KEY,
    secret_hash   BLOB NOT NULL UNIQUE,
    role          INTEGER NOT NULL,
    display_name  TEXT NOT NULL DEFAULT '',
    expire_time   TEXT,
    create_time   TEXT NOT NULL,
    last_use_time TEXT,
    revoke_time   TEXT
) STRICT;

-- An organiser key's sessions: named at creation, or created with the key.
CREATE TABLE api_key_sessions (
    key_id     TEXT NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    meeting_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    PRIMARY KEY (key_id, meeting_id, session_id)
) STRICT, WITHOUT ROWID;

-- The meetings in which an organiser key may create sessions.
CREATE TABLE api_key_meetings (
    key_id     TEXT NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    meeting_id TEXT NOT NULL,
    PRIMARY KEY (key_id, meeting_id)
) STRICT, WITHOUT ROWID;
