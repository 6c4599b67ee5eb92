-- Schema version 15: participants_by_person also holds each seat's session, so the report page's
-- people by session kind (each person once per kind, and the most seats one person holds in a kind)
-- are counted in one walk of the index, person by person, each seat joined to its session, instead of
-- sorting every seat by kind and person. The columns before it are unchanged. The rebuilt index is
-- analysed at once: in a database analysed before, an index without statistics looks so selective
-- to the planner that it would be chosen for queries it does not suit.

DROP INDEX participants_by_person;
CREATE INDEX participants_by_person ON participants (
    meeting_id, stakeholder_id, create_time,
    snap_stakeholder_group, snap_regional_group, snap_country_code, person_gender, person_attributes, snap_display_name, person_key,
    session_id);

ANALYZE participants_by_person;
