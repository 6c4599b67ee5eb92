-- Data quality (issue "Data quality: search, duplicate candidates, merge").
-- Normalised keys of each stakeholder (case-folded, diacritics removed in every script — see
-- Stakeholders/Search/NameKeys.cs), filled for existing rows by the functions the Migrator registers
-- (SearchKeys.RegisterFunctions: SQLite itself folds ASCII only). ADD COLUMN cannot run twice: a test
-- that rolls user_version back below 17 must drop these columns first.
ALTER TABLE stakeholders ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE stakeholders ADD COLUMN sorted_name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE stakeholders ADD COLUMN affiliation_key TEXT NOT NULL DEFAULT '';
ALTER TABLE stakeholders ADD COLUMN block_first TEXT NOT NULL DEFAULT '';
ALTER TABLE stakeholders ADD COLUMN block_last TEXT NOT NULL DEFAULT '';

UPDATE stakeholders
SET name_key = registry_keys(display_name, affiliation, 0),
    sorted_name_key = registry_keys(display_name, affiliation, 1),
    affiliation_key = registry_keys(display_name, affiliation, 2),
    block_first = registry_keys(display_name, affiliation, 3),
    block_last = registry_keys(display_name, affiliation, 4)
WHERE display_name <> '';

-- Words for prefix search: a name's later words (kind 0, position 1…; its first word is a prefix of
-- name_key) and every word of the affiliation, then of the organisation's name (kind 1, position 0…).
CREATE TABLE stakeholder_name_tokens (
    stakeholder_id TEXT NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
    kind           INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    token          TEXT NOT NULL,
    PRIMARY KEY (stakeholder_id, kind, position)
) STRICT, WITHOUT ROWID;

INSERT INTO stakeholder_name_tokens (stakeholder_id, kind, position, token)
SELECT s.id, json_extract(t.value, '$[0]'), json_extract(t.value, '$[1]'), json_extract(t.value, '$[2]')
FROM stakeholders s, json_each(registry_tokens(
    s.display_name, s.affiliation, (SELECT o.display_name FROM organizations o WHERE o.id = s.organization_id))) t
WHERE s.display_name <> '';

CREATE INDEX stakeholder_name_tokens_by_token ON stakeholder_name_tokens (kind, token, stakeholder_id);
-- Prefix search and the same-name block of duplicate detection read these in key order.
CREATE INDEX stakeholders_by_name_key ON stakeholders (name_key, id);
-- Email: compared lower-cased (ASCII, as SQLite's lower()); the expression, not a column, since every
-- write of an email (the declaration form's too) keeps it right without code of its own.
CREATE INDEX stakeholders_by_email ON stakeholders (lower(email), id) WHERE email <> '';
CREATE INDEX stakeholders_by_sorted_name_key ON stakeholders (sorted_name_key, id) WHERE sorted_name_key <> '';
CREATE INDEX stakeholders_by_block_first ON stakeholders (block_first, name_key, id) WHERE block_first <> '';
CREATE INDEX stakeholders_by_block_last ON stakeholders (block_last, name_key, id) WHERE block_last <> '';

-- Pairs an editor marked "not the same person" (MarkNotDuplicate): stakeholder_a < stakeholder_b.
CREATE TABLE stakeholder_not_duplicates (
    stakeholder_a TEXT NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
    stakeholder_b TEXT NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
    create_time   TEXT NOT NULL,
    PRIMARY KEY (stakeholder_a, stakeholder_b)
) STRICT, WITHOUT ROWID;
CREATE INDEX stakeholder_not_duplicates_by_b ON stakeholder_not_duplicates (stakeholder_b);

-- The names of merged stakeholders (MergeStakeholders): GetStakeholder of alias_id returns
-- stakeholder_id. moved lists, as JSON, the seats and registrations the merge moved (for an undo).
CREATE TABLE stakeholder_aliases (
    alias_id       TEXT NOT NULL PRIMARY KEY,
    stakeholder_id TEXT NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
    merge_time     TEXT NOT NULL,
    moved          TEXT NOT NULL DEFAULT '[]'
) STRICT, WITHOUT ROWID;
CREATE INDEX stakeholder_aliases_by_stakeholder ON stakeholder_aliases (stakeholder_id);
