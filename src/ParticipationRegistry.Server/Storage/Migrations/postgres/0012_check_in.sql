-- Schema version 12: check-in and meeting time zones. A registration records when the person
-- checked in (collected their badge; '' = not checked in); a meeting its IANA time zone ('' = not
-- set). The registrant cube groups by "checked in" (check_in_time <> ''): registrations_for_reports
-- carries that expression, so the cube is still aggregated as the index is walked, and the column
-- itself, so the index still covers the query.
-- PostgreSQL dialect: INTEGER is BIGINT, BLOB is BYTEA, every TEXT is COLLATE "C" (bytewise, as SQLite's BINARY), no STRICT/WITHOUT ROWID; the boolean index expression is parenthesised.

ALTER TABLE registrations ADD COLUMN check_in_time TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN time_zone TEXT COLLATE "C" NOT NULL DEFAULT '';

DROP INDEX registrations_for_reports;
CREATE INDEX registrations_for_reports ON registrations (
    meeting_id, snap_stakeholder_group, snap_regional_group, person_gender, snap_country_code, person_attributes,
    attendance, (check_in_time <> ''), check_in_time, stakeholder_id, person_key);
