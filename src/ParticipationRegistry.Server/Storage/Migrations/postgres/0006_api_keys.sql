-- API keys (issue "Access control"): the secret is kept only as its SHA-256 hash.
-- PostgreSQL dialect: INTEGER is BIGINT, BLOB is BYTEA, every TEXT is COLLATE "C" (bytewise, as SQLite's BINARY), no STRICT/WITHOUT ROWID.
CREATE TABLE api_keys (
    id            TEXT COLLATE "C" PRIMARY KEY,
    secret_hash   BYTEA NOT NULL UNIQUE,
    role          BIGINT NOT NULL,
    display_name  TEXT COLLATE "C" NOT NULL DEFAULT '',
    expire_time   TEXT COLLATE "C",
    create_time   TEXT COLLATE "C" NOT NULL,
    last_use_time TEXT COLLATE "C",
    revoke_time   TEXT COLLATE "C"
);

-- An organiser key's sessions: named at creation, or created with the key.
CREATE TABLE api_key_sessions (
    key_id     TEXT COLLATE "C" NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    meeting_id TEXT COLLATE "C" NOT NULL,
    session_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (key_id, meeting_id, session_id)
);

-- The meetings in which an organiser key may create sessions.
CREATE TABLE api_key_meetings (
    key_id     TEXT COLLATE "C" NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    meeting_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (key_id, meeting_id)
);
