-- Schema version 14: the forums an API key is limited to (none: every forum).
-- IF NOT EXISTS: a database rolled back to an older user_version (as the forum migration test does) re-runs this.
-- PostgreSQL dialect: INTEGER is BIGINT, BLOB is BYTEA, every TEXT is COLLATE "C" (bytewise, as SQLite's BINARY), no STRICT/WITHOUT ROWID.
CREATE TABLE IF NOT EXISTS api_key_forums (
    key_id   TEXT COLLATE "C" NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    forum_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (key_id, forum_id)
);
