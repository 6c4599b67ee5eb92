-- Publication consent (issue "Access control"): whether the person agreed to appear by name on the
-- published programme (0 not asked, 1 given, 2 refused), and when the answer last changed.
-- PostgreSQL dialect: INTEGER is BIGINT, BLOB is BYTEA, every TEXT is COLLATE "C" (bytewise, as SQLite's BINARY), no STRICT/WITHOUT ROWID.
ALTER TABLE stakeholders ADD COLUMN publication_consent BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stakeholders ADD COLUMN publication_consent_time TEXT COLLATE "C";
