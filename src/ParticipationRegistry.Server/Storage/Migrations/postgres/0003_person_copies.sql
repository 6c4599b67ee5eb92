-- Schema version 3: each seat and registration carries a live copy of its person's gender and
-- attributes, so reports and balance checks count them from the seats alone, without a lookup per
-- seat into the table of people. Unlike the snapshot columns these are not history: the stores
-- keep them equal to the person's record in the same transaction as every change to it, so an
-- erasure reaches every seat at once.
-- PostgreSQL dialect: INTEGER is BIGINT, BLOB is BYTEA, every TEXT is COLLATE "C" (bytewise, as SQLite's BINARY), no STRICT/WITHOUT ROWID.

ALTER TABLE participants ADD COLUMN person_gender BIGINT NOT NULL DEFAULT 0;
ALTER TABLE participants ADD COLUMN person_attributes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE registrations ADD COLUMN person_gender BIGINT NOT NULL DEFAULT 0;
ALTER TABLE registrations ADD COLUMN person_attributes BIGINT NOT NULL DEFAULT 0;

UPDATE participants
SET (person_gender, person_attributes) = (SELECT gender, attributes FROM stakeholders WHERE stakeholders.id = participants.stakeholder_id);
UPDATE registrations
SET (person_gender, person_attributes) = (SELECT gender, attributes FROM stakeholders WHERE stakeholders.id = registrations.stakeholder_id);
