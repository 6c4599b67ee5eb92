-- Schema version 4: a covering index for the reports' aggregates over a meeting's seats, so the
-- GROUP BY reads the index alone instead of a row per seat.
-- PostgreSQL dialect: the same statement as on SQLite.
CREATE INDEX participants_for_reports ON participants (
    meeting_id, snap_stakeholder_group, snap_regional_group, person_gender, role, snap_country_code, person_attributes,
    stakeholder_id, session_id, create_time, confirmation, snap_display_name);
