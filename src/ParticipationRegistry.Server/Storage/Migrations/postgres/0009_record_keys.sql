-- Schema version 9: record keys for the cell-key perturbation of public reports (docs/PRIVACY.md).
-- Every stakeholder holds a fixed random key from 0 to 255, drawn once (random() & 255 is uniform
-- and, unlike abs(random()) % 256, cannot overflow). Seats and registrations carry a copy,
-- person_key, like person_gender: a report's cube sums the keys of the units in each cell from the
-- covering indexes alone, so those indexes are rebuilt with person_key as their last column.
-- PostgreSQL dialect: INTEGER is BIGINT, BLOB is BYTEA, every TEXT is COLLATE "C" (bytewise, as SQLite's BINARY), no STRICT/WITHOUT ROWID; the random key is drawn with floor(random() * 256).

ALTER TABLE stakeholders ADD COLUMN record_key BIGINT NOT NULL DEFAULT 0;
-- random() is a double in [0, 1) here: floor(random() * 256) is the same uniform key from 0 to 255.
UPDATE stakeholders SET record_key = floor(random() * 256)::BIGINT;

ALTER TABLE participants ADD COLUMN person_key BIGINT NOT NULL DEFAULT 0;
ALTER TABLE registrations ADD COLUMN person_key BIGINT NOT NULL DEFAULT 0;
UPDATE participants SET person_key = (SELECT record_key FROM stakeholders WHERE stakeholders.id = participants.stakeholder_id);
UPDATE registrations SET person_key = (SELECT record_key FROM stakeholders WHERE stakeholders.id = registrations.stakeholder_id);

DROP INDEX participants_for_reports;
CREATE INDEX participants_for_reports ON participants (
    meeting_id, snap_stakeholder_group, snap_regional_group, person_gender, role, snap_country_code, person_attributes,
    stakeholder_id, session_id, create_time, confirmation, snap_display_name, person_key);

DROP INDEX registrations_for_reports;
CREATE INDEX registrations_for_reports ON registrations (
    meeting_id, snap_stakeholder_group, snap_regional_group, person_gender, snap_country_code, person_attributes,
    attendance, stakeholder_id, person_key);

DROP INDEX participants_by_person;
CREATE INDEX participants_by_person ON participants (
    meeting_id, stakeholder_id, create_time,
    snap_stakeholder_group, snap_regional_group, snap_country_code, person_gender, person_attributes, snap_display_name, person_key);
