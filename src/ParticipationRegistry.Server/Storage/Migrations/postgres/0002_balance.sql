-- Schema version 2: diversity policies and the indexes balance checks and suggestions use; the
-- registry's own small facts (e.g. that the demo data was loaded once).
-- PostgreSQL dialect: INTEGER is BIGINT, BLOB is BYTEA, every TEXT is COLLATE "C" (bytewise, as SQLite's BINARY), no STRICT/WITHOUT ROWID.

CREATE TABLE registry_state (
    name  TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    value TEXT COLLATE "C" NOT NULL
);

CREATE TABLE policies (
    id           TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    display_name TEXT COLLATE "C" NOT NULL,
    description  TEXT COLLATE "C" NOT NULL DEFAULT '',
    -- The policy's rules: a serialized participation.registry.v1.Policy holding only `rules`.
    rules        BYTEA NOT NULL,
    create_time  TEXT COLLATE "C" NOT NULL,
    update_time  TEXT COLLATE "C" NOT NULL,
    version      BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX policies_by_display_name ON policies (display_name, id);

-- Suggestions look people up by the values that would close a gap.
CREATE INDEX stakeholders_by_gender ON stakeholders (gender, stakeholder_group, regional_group);
-- A person's seats across meetings (first-time speakers, sessions per person, overlaps).
CREATE INDEX participants_by_stakeholder_meeting ON participants (stakeholder_id, meeting_id, session_id);
