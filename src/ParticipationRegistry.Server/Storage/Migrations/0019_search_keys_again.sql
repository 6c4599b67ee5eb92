-- Search keys, normalised again (issue "Data quality", audit of search): only diacritics are dropped now
-- (accents, Hebrew niqqud, Arabic harakat); the vowel signs and virama of Brahmic scripts and Thai and the kana
-- voicing marks stay, and letters beyond the BMP fold ("𝐀𝐥𝐢" is "ali"). The Migrator recomputes every
-- person's keys and words after this script, and the duplicate candidates of those whose keys changed
-- (Stakeholders/Search/KeysRecompute.cs), on both engines.
-- organization_key: the organisation's name as a key, so that a query of several words ("internet society")
-- finds its people (search's rank 3 matches it as it matches affiliation_key); every write of a person's keys
-- sets it, and renaming an organisation refreshes its people's.
ALTER TABLE stakeholders ADD COLUMN organization_key TEXT NOT NULL DEFAULT '';
