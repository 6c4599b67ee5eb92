-- Data quality (issue "Data quality: search, duplicate candidates, merge").
-- Normalised keys of each stakeholder (case-folded, diacritics removed in every script — see
-- Stakeholders/Search/NameKeys.cs), filled for existing rows by the functions the Migrator registers
-- (SearchKeys.RegisterFunctions: SQLite itself folds ASCII only). ADD COLUMN cannot run twice: a test
-- that rolls user_version back below 17 must drop these columns first.
-- PostgreSQL dialect: INTEGER is BIGINT, BLOB is BYTEA, every TEXT is COLLATE "C" (bytewise, as SQLite's BINARY), no STRICT/WITHOUT ROWID; the backfills that call the Migrator's SQLite functions are omitted.
ALTER TABLE stakeholders ADD COLUMN name_key TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE stakeholders ADD COLUMN sorted_name_key TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE stakeholders ADD COLUMN affiliation_key TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE stakeholders ADD COLUMN block_first TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE stakeholders ADD COLUMN block_last TEXT COLLATE "C" NOT NULL DEFAULT '';

-- The keys' backfill (registry_keys, a function the Migrator registers on SQLite) is omitted: a PostgreSQL registry is created empty.

-- Words for prefix search: a name's later words (kind 0, position 1…; its first word is a prefix of
-- name_key) and every word of the affiliation, then of the organisation's name (kind 1, position 0…).
CREATE TABLE stakeholder_name_tokens (
    stakeholder_id TEXT COLLATE "C" NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
    kind           BIGINT NOT NULL,
    position       BIGINT NOT NULL,
    token          TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (stakeholder_id, kind, position)
);

-- The tokens' backfill (registry_tokens and json_each on SQLite) is omitted: a PostgreSQL registry is created empty.

CREATE INDEX stakeholder_name_tokens_by_token ON stakeholder_name_tokens (kind, token, stakeholder_id);
-- Prefix search and the same-name block of duplicate detection read these in key order.
CREATE INDEX stakeholders_by_name_key ON stakeholders (name_key, id);
-- Email: compared lower-cased (ASCII, as SQLite's lower()); the expression, not a column, since every
-- write of an email (the declaration form's too) keeps it right without code of its own.
-- lower() of a COLLATE "C" column folds ASCII only, as SQLite's does; queries must spell the same lower(email).
CREATE INDEX stakeholders_by_email ON stakeholders (lower(email), id) WHERE email <> '';
CREATE INDEX stakeholders_by_sorted_name_key ON stakeholders (sorted_name_key, id) WHERE sorted_name_key <> '';
CREATE INDEX stakeholders_by_block_first ON stakeholders (block_first, name_key, id) WHERE block_first <> '';
CREATE INDEX stakeholders_by_block_last ON stakeholders (block_last, name_key, id) WHERE block_last <> '';

-- Pairs an editor marked "not the same person" (MarkNotDuplicate): stakeholder_a < stakeholder_b.
CREATE TABLE stakeholder_not_duplicates (
    stakeholder_a TEXT COLLATE "C" NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
    stakeholder_b TEXT COLLATE "C" NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
    create_time   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (stakeholder_a, stakeholder_b)
);
CREATE INDEX stakeholder_not_duplicates_by_b ON stakeholder_not_duplicates (stakeholder_b);

-- The names of merged stakeholders (MergeStakeholders): GetStakeholder of alias_id returns
-- stakeholder_id. moved lists, as JSON, the seats and registrations the merge moved (for an undo).
CREATE TABLE stakeholder_aliases (
    alias_id       TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    stakeholder_id TEXT COLLATE "C" NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
    merge_time     TEXT COLLATE "C" NOT NULL,
    moved          TEXT COLLATE "C" NOT NULL DEFAULT '[]'
);
CREATE INDEX stakeholder_aliases_by_stakeholder ON stakeholder_aliases (stakeholder_id);
