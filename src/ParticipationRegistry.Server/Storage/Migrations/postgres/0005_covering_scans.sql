-- Schema version 5: the scans behind a meeting report read indexes alone, not a table row per seat.
-- participants_by_session keeps its leading columns (meeting, session, then creation order, which
-- panels are read in) and now also carries every fact the balance engine judges a seat by, so the
-- report's balance summary streams a meeting's panels from the index. participants_by_person holds
-- a meeting's seats person by person, so the report's people (each once, with their latest seat)
-- are grouped as the index is walked instead of by sorting every seat. registrations_for_reports
-- does for the room what participants_for_reports (version 4) does for the panels.
-- participants_by_stakeholder is dropped: participants_by_stakeholder_meeting starts with the same
-- column and serves every lookup it did.
-- PostgreSQL dialect: the same statements as on SQLite.

DROP INDEX participants_by_session;
CREATE INDEX participants_by_session ON participants (
    meeting_id, session_id, create_time, id,
    role, confirmation, attendance, snap_stakeholder_group, snap_regional_group, snap_country_code,
    snap_organization_id, person_gender, person_attributes, stakeholder_id);

CREATE INDEX registrations_for_reports ON registrations (
    meeting_id, snap_stakeholder_group, snap_regional_group, person_gender, snap_country_code, person_attributes,
    attendance, stakeholder_id);

CREATE INDEX participants_by_person ON participants (
    meeting_id, stakeholder_id, create_time,
    snap_stakeholder_group, snap_regional_group, snap_country_code, person_gender, person_attributes, snap_display_name);

DROP INDEX participants_by_stakeholder;
