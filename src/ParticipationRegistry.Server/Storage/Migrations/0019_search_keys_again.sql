-- Search keys, normalised again (issue "Data quality", audit of search): only diacritics are dropped now
-- (accents, Hebrew niqqud, Arabic harakat); the vowel signs and virama of Brahmic scripts and Thai and the kana
-- voicing marks stay, and letters beyond the BMP fold ("𝐀𝐥𝐢" is "ali"). The Migrator recomputes every
-- person's keys and words after this script, then the stored duplicate candidates of the whole registry
-- (Stakeholders/Search/KeysRecompute.cs), on both engines.
-- organization_key: the organisation's name as a key, so that a query of several words ("internet society")
-- finds its people (search's rank 3 matches it as it matches affiliation_key); every write of a person's keys
-- sets it, and renaming an organisation refreshes its people's.
ALTER TABLE stakeholders ADD COLUMN organization_key TEXT NOT NULL DEFAULT '';
-- A word's row carries its person's name_key, so that search reads the people of one word in name order
-- from the index (ranks 2 and 3: by the word, then by name); every write of a person's keys rewrites its words.
ALTER TABLE stakeholder_name_tokens ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE stakeholder_name_tokens SET name_key = (SELECT s.name_key FROM stakeholders s WHERE s.id = stakeholder_name_tokens.stakeholder_id);
DROP INDEX stakeholder_name_tokens_by_token;
CREATE INDEX stakeholder_name_tokens_by_token ON stakeholder_name_tokens (kind, token, name_key, stakeholder_id);
-- Duplicate candidates: a block of one name or of the same words sorts by country and affiliation before the id,
-- so that in a block of more than 50 people (each compared with its 5 neighbours) the likely duplicates are
-- neighbours however far apart they were recorded (Stakeholders/Duplicates/DuplicateFinder.cs, Blocks).
CREATE INDEX stakeholders_by_name_block ON stakeholders (name_key, country_code, affiliation_key, id) WHERE name_key <> '';
DROP INDEX stakeholders_by_sorted_name_key;
CREATE INDEX stakeholders_by_sorted_name_key ON stakeholders (sorted_name_key, country_code, affiliation_key, id) WHERE sorted_name_key <> '';
