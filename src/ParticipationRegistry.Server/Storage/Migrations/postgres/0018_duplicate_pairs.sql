-- Duplicate candidates kept as people are written (ListDuplicateCandidates reads a page of this index).
-- stakeholder_a < stakeholder_b; rank is 100 − the confidence in hundredths, so that the ascending index
-- (rank, a, b) is the list's order (most likely first) and a page token's keyset is one row-value seek;
-- reasons is a bitmask of DuplicateReason (bit n = reason n). Pairs marked "not a duplicate" stay here and
-- are left out by the list's query. The rows are filled after this script by the Migrator (DuplicatePairs.Backfill:
-- the whole-registry computation of DuplicateFinder), and refreshed for a person in every write of its search keys.
-- PostgreSQL dialect: INTEGER is BIGINT, BLOB is BYTEA, every TEXT is COLLATE "C" (bytewise, as SQLite's BINARY), no STRICT/WITHOUT ROWID.
CREATE TABLE duplicate_pairs (
    stakeholder_a TEXT COLLATE "C" NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
    stakeholder_b TEXT COLLATE "C" NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
    rank          BIGINT NOT NULL CHECK (rank BETWEEN 0 AND 100),
    reasons       BIGINT NOT NULL,
    PRIMARY KEY (stakeholder_a, stakeholder_b),
    CHECK (stakeholder_a < stakeholder_b)
);
CREATE INDEX duplicate_pairs_by_rank ON duplicate_pairs (rank, stakeholder_a, stakeholder_b);
CREATE INDEX duplicate_pairs_by_b ON duplicate_pairs (stakeholder_b);
