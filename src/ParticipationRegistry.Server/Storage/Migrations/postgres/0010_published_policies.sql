-- Published policies (issue "Disclosure control"): a public report (a caller without personal-data
-- rights) may name only the presets and the stored policies an admin published (1), never others (0).
-- PostgreSQL dialect: INTEGER is BIGINT, BLOB is BYTEA, every TEXT is COLLATE "C" (bytewise, as SQLite's BINARY), no STRICT/WITHOUT ROWID.
ALTER TABLE policies ADD COLUMN published BIGINT NOT NULL DEFAULT 0;
