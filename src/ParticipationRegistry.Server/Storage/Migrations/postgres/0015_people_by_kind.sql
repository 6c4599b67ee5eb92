-- Schema version 15: participants_by_person also holds each seat's role and session, so the report
-- page's tables by session kind are counted in walks of that index alone, each seat joined to its
-- session: the seats by kind, and the people (each once per kind, and the most seats one person
-- holds in a kind) instead of sorting every seat by kind and person. The columns before them are unchanged. The rebuilt index is
-- analysed at once: in a database analysed before, an index without statistics looks so selective
-- to the planner that it would be chosen for queries it does not suit.
-- PostgreSQL dialect: ANALYZE names the table (PostgreSQL analyses tables, not single indexes); otherwise the same.

DROP INDEX participants_by_person;
CREATE INDEX participants_by_person ON participants (
    meeting_id, stakeholder_id, create_time,
    snap_stakeholder_group, snap_regional_group, snap_country_code, person_gender, person_attributes, snap_display_name, person_key,
    role, session_id);

ANALYZE participants;
