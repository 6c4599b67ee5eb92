-- Schema version 13: forums as resources. A forum has a kind, an optional country or UN regional
-- group, a time zone and default policies (kind_policies: one "kind=policy-id" per line). Every
-- distinct free-text meetings.forum becomes a forum (id slugified from the text, or "forum-N" when the
-- slug is not a valid id or two texts share it; display name = the text; kind OTHER = 6, created when its first meeting was) and every
-- meeting's forum is rewritten to the forum's resource name, so no meeting loses its forum.
-- PostgreSQL dialect: INTEGER is BIGINT, BLOB is BYTEA, every TEXT is COLLATE "C" (bytewise, as SQLite's BINARY), no STRICT/WITHOUT ROWID; the forum data migration is omitted (see below).

-- Not STRICT on SQLite (column affinity, no type check); the server writes only these types, so they are declared here.
CREATE TABLE forums (
    id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    display_name TEXT COLLATE "C" NOT NULL,
    kind BIGINT NOT NULL DEFAULT 0,
    country_code TEXT COLLATE "C" NOT NULL DEFAULT '',
    regional_group BIGINT NOT NULL DEFAULT 0,
    time_zone TEXT COLLATE "C" NOT NULL DEFAULT '',
    default_policy TEXT COLLATE "C" NOT NULL DEFAULT '',
    kind_policies TEXT COLLATE "C" NOT NULL DEFAULT '',
    create_time TEXT COLLATE "C" NOT NULL,
    update_time TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX forums_by_display_name ON forums (display_name, id);

-- The forum data migration (slugs of meetings.forum, the forums made from them, meetings rewritten) is omitted: a PostgreSQL registry is created empty.
