-- Schema version 14: the forums an API key is limited to (none: every forum).
CREATE TABLE api_key_forums (
    key_id   TEXT NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    forum_id TEXT NOT NULL,
    PRIMARY KEY (key_id, forum_id)
) STRICT, WITHOUT ROWID;
