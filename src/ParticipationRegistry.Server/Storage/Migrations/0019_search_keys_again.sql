-- Search keys, normalised again (issue "Data quality", audit of search): only diacritics are dropped now
-- (accents, Hebrew niqqud, Arabic harakat); the vowel signs and virama of Brahmic scripts and Thai and the kana
-- voicing marks stay, and letters beyond the BMP fold ("𝐀𝐥𝐢" is "ali"). The Migrator recomputes every
-- person's keys and words after this script, and the duplicate candidates of those whose keys changed
-- (Stakeholders/Search/KeysRecompute.cs), on both engines.
SELECT 1;
