-- Schema version 7 (issue "Access control"): the audit trail, and erasure on request.
-- PostgreSQL dialect: INTEGER is BIGINT, BLOB is BYTEA, every TEXT is COLLATE "C" (bytewise, as SQLite's BINARY), no STRICT/WITHOUT ROWID.

-- Every mutation and every read of personal data: who, when, which method, which resource and the
-- names of the fields (never their values). Appended only; the maintenance task removes events
-- older than the retention. request_id makes a replayed create append nothing (NULLs are distinct,
-- so calls without one never collide).
CREATE TABLE audit_events (
    id         TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    time       TEXT COLLATE "C" NOT NULL,
    key_id     TEXT COLLATE "C" NOT NULL,
    method     TEXT COLLATE "C" NOT NULL,
    resource   TEXT COLLATE "C" NOT NULL,
    -- The field names, separated by commas.
    fields     TEXT COLLATE "C" NOT NULL DEFAULT '',
    action     BIGINT NOT NULL,
    request_id TEXT COLLATE "C",
    UNIQUE (method, key_id, request_id)
);
CREATE INDEX audit_events_by_time ON audit_events (time, id);
CREATE INDEX audit_events_by_resource ON audit_events (resource, time, id);

-- When the person was erased by EraseStakeholder: the row is then an anonymous placeholder that
-- stays readable (unlike `erased`, the placeholder a forced delete leaves, which reads as deleted).
ALTER TABLE stakeholders ADD COLUMN erase_time TEXT COLLATE "C";
